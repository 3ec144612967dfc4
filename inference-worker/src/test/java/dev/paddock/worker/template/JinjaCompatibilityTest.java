package dev.paddock.worker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jinja2 semantics, one construct at a time: each template is rendered with the variables in
 * {@code templates/snippet-variables.json} and must give exactly what Python's Jinja2 gave in
 * transformers' environment (trim_blocks, lstrip_blocks, its tojson), recorded here.
 */
class JinjaCompatibilityTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("snippets")
    void rendersLikeJinja2(String template, String expected) throws IOException {
        Map<String, Object> variables = new ObjectMapper().readValue(
            ChatTemplateFixturesTest.read("snippet-variables.json"), new TypeReference<>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) variables.get("messages");

        String rendered = ChatTemplate.compile(template, "<s>", "</s>").render(messages, null, false, variables);

        assertThat(rendered).isEqualTo(expected);
    }

    static Stream<Arguments> snippets() {
        return Stream.of(
            arguments("a\n{% if true %}\nb\n{% endif %}\nc",
                "a\nb\nc"),
            arguments("a\n  {% if true %}\n  b\n  {% endif %}\nc",
                "a\n  b\nc"),
            arguments("a\n  {%- if true %}\n  b\n  {%- endif %}\nc",
                "a  bc"),
            arguments("a\n  {% if true -%}\n  b\n  {% endif -%}\nc",
                "a\nb\nc"),
            arguments("a {% if true %} b {% endif %} c",
                "a  b  c"),
            arguments("  {{ n }}\n  {{ n }}  \n",
                "  5\n  5  "),
            arguments("x  {# comment #}\n  y\n  {# c2 #}  \nz",
                "x    y\n  \nz"),
            arguments("{%- for m in messages %}  {{- m.role }} {% endfor -%}  end",
                "system user assistant tool end"),
            arguments("{% for m in messages -%}\n  {{ m.role }}\n{%- endfor %}",
                "systemuserassistanttool"),
            arguments("  {% if true %}{% if true %}x{% endif %}{% endif %}\n  y\n",
                "x  y"),
            arguments("a\n  {%+ if true %}b{% endif +%}\nc",
                "a\n  b\nc"),
            arguments("{% raw %}{{ not rendered }}{% endraw %}",
                "{{ not rendered }}"),
            arguments("{{- '  x  ' -}}",
                "  x  "),
            arguments("a  {{- n -}}  b",
                "a5b"),
            arguments("text\n\n",
                "text\n"),
            arguments("{{ t }} {{ fa }} {{ n }} {{ f }} {{ 10/2 }} {{ 7//2 }} {{ 2**10 }} {{ 1e20 }} {{ 0.1+0.2 }} {{ 1e-5 }} {{ 12345678901234567.0 }}",
                "True False 5 2.5 5.0 3 1024 1e+20 0.30000000000000004 1e-05 1.2345678901234568e+16"),
            arguments("{{ lst }} {{ d }} {{ e }} {{ [t, none, 'it\\'s'] }}",
                "[3, 1, 2] {'b': 1, 'a': 'x', 'c': [1, {'z': None}]} [] [True, None, \"it's\"]"),
            arguments("{{ u }}|{{ q }}|{{ [q] }}",
                "héllo ✓ 😊|it's \"quoted\"\n\ttab\\|['it\\'s \"quoted\"\\n\\ttab\\\\']"),
            arguments("{{ undefined_var }}|{{ d.missing }}|{{ d['missing'] }}|{{ lst[10] }}",
                "|||"),
            arguments("{{ s.strip() }}|{{ s.lstrip() }}|{{ s.rstrip() }}|{{ s.strip(' H') }}|{{ 'xxhixx'.strip('x') }}",
                "Hello, World|Hello, World  |  Hello, World|ello, World|hi"),
            arguments("{{ s.split() }}|{{ s.split(',') }}|{{ 'a,b,,c'.split(',') }}|{{ 'a b c'.split(' ', 1) }}|{{ 'a,b,c'.rsplit(',', 1) }}",
                "['Hello,', 'World']|['  Hello', ' World  ']|['a', 'b', '', 'c']|['a', 'b c']|['a,b', 'c']"),
            arguments("{{ s.upper() }}|{{ s.lower() }}|{{ 'hello world foo'.title() }}|{{ 'hELLO'.capitalize() }}|{{ s.replace('l', 'L') }}|{{ 'aaa'.replace('a','b',2) }}",
                "  HELLO, WORLD  |  hello, world  |Hello World Foo|Hello|  HeLLo, WorLd  |bba"),
            arguments("{{ s.startswith('  H') }}|{{ s.endswith('  ') }}|{{ 'abc'.startswith(('x','a')) }}|{{ 'abc'.find('c') }}|{{ 'abcabc'.count('b') }}",
                "True|True|True|2|2"),
            arguments("{{ ', '.join(['a','b']) }}|{{ 'abc'[0] }}{{ 'abc'[-1] }}{{ 'abc'[1:] }}{{ 'abc'[:-1] }}{{ 'abc'[::-1] }}{{ 'abcdef'[::2] }}",
                "a, b|acbcabcbaace"),
            arguments("{{ '<think>x</think>rest'.split('</think>')[-1] }}|{{ '\\n\\nx\\n'.lstrip('\\n') }}|{{ 'x\\n\\n'.rstrip('\\n') }}",
                "rest|x\n|x"),
            arguments("{{ d|tojson }}|{{ lst|tojson }}|{{ u|tojson }}|{{ q|tojson }}|{{ none|tojson }}|{{ t|tojson }}|{{ f|tojson }}",
                "{\"b\": 1, \"a\": \"x\", \"c\": [1, {\"z\": null}]}|[3, 1, 2]|\"héllo ✓ 😊\"|\"it's \\\"quoted\\\"\\n\\ttab\\\\\"|null|true|2.5"),
            arguments("{{ d|tojson(indent=2) }}",
                "{\n  \"b\": 1,\n  \"a\": \"x\",\n  \"c\": [\n    1,\n    {\n      \"z\": null\n    }\n  ]\n}"),
            arguments("{{ d|tojson(sort_keys=true) }}|{{ d|tojson(separators=(',', ':')) }}|{{ u|tojson(ensure_ascii=true) }}",
                "{\"a\": \"x\", \"b\": 1, \"c\": [1, {\"z\": null}]}|{\"b\":1,\"a\":\"x\",\"c\":[1,{\"z\":null}]}|\"h\\u00e9llo \\u2713 \\ud83d\\ude0a\""),
            arguments("{{ s|trim }}|{{ s|length }}|{{ lst|first }}|{{ lst|last }}|{{ 'abc'|first }}|{{ lst|sort }}|{{ lst|reverse|join }}|{{ lst|sum }}|{{ lst|min }}|{{ lst|max }}",
                "Hello, World|16|3|2|a|[1, 2, 3]|213|6|1|3"),
            arguments("{{ messages|map(attribute='role')|join(',') }}|{{ messages|selectattr('role','equalto','user')|list|length }}|{{ messages|rejectattr('role','equalto','user')|map(attribute='role')|list }}",
                "system,user,assistant,tool|1|['system', 'assistant', 'tool']"),
            arguments("{{ [t, none]|join(',') }}|{{ '42'|int + 1 }}|{{ 2.567|round(1) }}|{{ n|string + 'x' }}|{{ t|string }}|{{ lst|string }}",
                "True,None|43|2.6|5x|True|[3, 1, 2]"),
            arguments("{{ d|items|list }}|{% for k, v in d|items %}{{ k }}={{ v }};{% endfor %}|{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
                "[('b', 1), ('a', 'x'), ('c', [1, {'z': None}])]|b=1;a=x;c=[1, {'z': None}];|b=1;a=x;c=[1, {'z': None}];"),
            arguments("{{ d.keys()|list }}|{{ d.values()|list }}|{{ d.get('a') }}|{{ d.get('zz', 'def') }}",
                "['b', 'a', 'c']|[1, 'x', [1, {'z': None}]]|x|def"),
            arguments("{{ s is string }}{{ lst is string }}{{ s is iterable }}{{ lst is iterable }}{{ d is iterable }}{{ n is iterable }}",
                "TrueFalseTrueTrueTrueFalse"),
            arguments("{{ s is sequence }}{{ lst is sequence }}{{ d is sequence }}{{ n is sequence }}{{ d is mapping }}{{ lst is mapping }}",
                "TrueTrueTrueFalseTrueFalse"),
            arguments("{{ none is none }}{{ n is none }}{{ t is true }}{{ fa is false }}{{ n is number }}{{ f is float }}{{ n is defined }}{{ zz is defined }}{{ d.zz is defined }}",
                "TrueFalseTrueTrueTrueTrueTrueFalseFalse"),
            arguments("{{ 'a' in 'abc' }}{{ 'z' not in 'abc' }}{{ 'a' in d }}{{ 1 in lst }}{{ not 1 in lst }}{{ not n == 5 }}{{ not n is defined }}{{ not zz is defined }}",
                "TrueTrueTrueTrueFalseFalseFalseTrue"),
            arguments("{{ n > 3 and n < 10 }}{{ not t and fa }}{{ not t or t }}{{ 1 if t else 2 }}{{ 'y' if fa }}|{{ (n + 1) * 2 }}{{ n+1 }}{{ s or 'd' }}",
                "TrueFalseTrue1|126  Hello, World  "),
            arguments("{{ messages[0]['role'] }}{{ messages[-1].role }}{{ messages[1:]|length }}{{ messages[1:-1]|map(attribute='role')|list }}{{ messages[::-1]|map(attribute='role')|list }}",
                "systemtool3['user', 'assistant']['tool', 'assistant', 'user', 'system']"),
            arguments("{{ {'a': 1, 'b': n}['b'] }}|{{ {'k': {'n': 1}} }}|{{ {'a': {'b': 2}}['a']['b'] }}",
                "5|{'k': {'n': 1}}|2"),
            arguments("{% for x in lst %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}",
                "103TrueFalse3;212FalseFalse3;321FalseTrue3;"),
            arguments("{% for x in lst %}{% if x == 1 %}{% continue %}{% endif %}{{ x }}{% endfor %}|{% for x in lst %}{% if x == 1 %}{% break %}{% endif %}{{ x }}{% endfor %}",
                "32|3"),
            arguments("{% for x in lst if x > 1 %}{{ x }}{{ loop.index }}{{ loop.last }};{% endfor %}",
                "31False;22True;"),
            arguments("{% for x in e %}{{ x }}{% else %}empty{% endfor %}|{% for x in lst %}{{ x }}{% else %}empty{% endfor %}",
                "empty|312"),
            arguments("{% for k in d %}{{ k }}{% endfor %}|{% for c in 'abc' %}{{ c }}-{% endfor %}|{% for x in lst %}{{ loop.previtem }}/{{ loop.nextitem }};{% endfor %}",
                "bac|a-b-c-|/1;3/2;1/;"),
            arguments("{% for a, b in [[1, 2], [3, 4]] %}{{ a }}{{ b }}{% endfor %}|{% for i in range(1, 7, 2) %}{{ i }}{% endfor %}",
                "1234|135"),
            arguments("{% set x = 1 %}{% for i in lst %}{% set x = i %}{% endfor %}{{ x }}|{% if true %}{% set x = 2 %}{% endif %}{{ x }}",
                "1|2"),
            arguments("{% for i in lst %}{% if loop.first %}{% set c = 'first' %}{% endif %}{{ c }};{% endfor %}",
                "first;;;"),
            arguments("{% set ns = namespace(x=1, total=lst|length - 1) %}{% for i in lst %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }} {{ ns.total }}",
                "7 2"),
            arguments("{% macro f(x, y='d') %}<{{ x }}{{ y }}>{% endmacro %}{{ f(1) }}{{ f(1, y=2) }}{{ f(y=3, x=4) }}",
                "<1d><12><43>"),
            arguments("{{ strftime_now is defined }}{{ raise_exception is defined }}{{ range(3)|list }}",
                "TrueTrue[0, 1, 2]"),
            arguments("{% generation %}gen {{ n }}{% endgeneration %}",
                "gen 5"),
            arguments("{{ '\\u00e9\\x41\\t|\\\\|\\'|\\\"|\\d' }}|{{ \"say \\\"hi\\\"\" }}|{{ 'a}}b' }}|{{ '%}' }}",
                "éA\t|\\|'|\"|\\d|say \"hi\"|a}}b|%}"),
            arguments("{% if '}}' in '}}' %}yes{% endif %}|{{ {'a': {'b': 1}} }}",
                "yes|{'a': {'b': 1}}"),
            arguments("{% macro r(n) %}{% if n < 3 %}{{ n }}{{ r(n + 1) }}{% endif %}{% endmacro %}{{ r(0) }}",
                "012"),
            arguments("{{ s and 'y' }}|{{ '' and 'y' }}|{{ '-' * 3 }}|{{ 'n=' ~ n ~ t }}|{{ [1] + [2] }}",
                "y||---|n=5True|[1, 2]"),
            arguments("{{ 'abc'|reverse }}|{{ lst|reverse|list }}|{{ [1, 2, 3][::-2] }}|{{ 'abcdef'[1:5:2] }}|{{ lst[-2:] }}",
                "cba|[2, 1, 3]|[3, 1]|bd|[1, 2]"),
            arguments("{% for m in messages[1:] %}{{ m.role }}{% if not loop.last %}, {% endif %}{% endfor %}",
                "user, assistant, tool"));
    }
}
