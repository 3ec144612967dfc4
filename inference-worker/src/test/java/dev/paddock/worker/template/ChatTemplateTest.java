package dev.paddock.worker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The public API on real templates, with the expected prompts written out (each is what Python's
 * Jinja2 renders in transformers' environment; the fixture files hold the same texts).
 */
class ChatTemplateTest {

    private static final List<Map<String, Object>> CONVERSATION = List.of(
        message("system", "You are a helpful assistant."),
        message("user", "Hello! What is 2+2?"),
        message("assistant", "2+2 equals 4."),
        message("user", "And 3+3?"));

    @Test
    void chatMlWithGenerationPrompt() {
        ChatTemplate template = fixture("chatml-qwen2.5", "", "<|im_end|>");

        assertThat(template.render(CONVERSATION, null, true)).isEqualTo("""
            <|im_start|>system
            You are a helpful assistant.<|im_end|>
            <|im_start|>user
            Hello! What is 2+2?<|im_end|>
            <|im_start|>assistant
            2+2 equals 4.<|im_end|>
            <|im_start|>user
            And 3+3?<|im_end|>
            <|im_start|>assistant
            """);
    }

    @Test
    void chatMlWithoutGenerationPromptAndWithDefaultSystemPrompt() {
        ChatTemplate template = fixture("chatml-qwen2.5", "", "<|im_end|>");

        // an empty tool list is no tools: `{% if tools %}` and `tools is defined` both say no
        assertThat(template.render(List.of(message("user", "Hi")), List.of(), false)).isEqualTo("""
            <|im_start|>system
            You are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>
            <|im_start|>user
            Hi<|im_end|>
            """);
    }

    @Test
    void llama2FoldsTheSystemPromptIntoTheFirstInstruction() {
        ChatTemplate template = fixture("llama2", "<s>", "</s>");

        assertThat(template.render(CONVERSATION, null, false)).isEqualTo(
            "<s>[INST] <<SYS>>\nYou are a helpful assistant.\n<</SYS>>\n\n"
                + "Hello! What is 2+2? [/INST] 2+2 equals 4. </s><s>[INST] And 3+3? [/INST]");
    }

    @Test
    void zephyrKeepsTheNewlinesAfterExpressions() {
        ChatTemplate template = fixture("zephyr", "<s>", "</s>");

        assertThat(template.render(CONVERSATION, null, true)).isEqualTo("""
            <|system|>
            You are a helpful assistant.</s>
            <|user|>
            Hello! What is 2+2?</s>
            <|assistant|>
            2+2 equals 4.</s>
            <|user|>
            And 3+3?</s>
            <|assistant|>
            """);
    }

    @Test
    void strftimeNowReadsTheGivenClock() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-14T09:26:53Z"), ZoneOffset.UTC);
        ChatTemplate template = ChatTemplate.compile(
            ChatTemplateFixturesTest.read("llama3.2.jinja"), "<|begin_of_text|>", "<|eot_id|>", clock);

        assertThat(template.render(CONVERSATION, null, true)).startsWith("""
            <|begin_of_text|><|start_header_id|>system<|end_header_id|>

            Cutting Knowledge Date: December 2023
            Today Date: 14 Mar 2025

            You are a helpful assistant.<|eot_id|>""");
    }

    @Test
    void extraVariablesReachTheTemplate() {
        ChatTemplate qwen3 = fixture("qwen3", "", "<|im_end|>");
        ChatTemplate llama31 = fixture("llama3.1", "<|begin_of_text|>", "<|eot_id|>");
        List<Map<String, Object>> hi = List.of(message("user", "Hi"));

        assertThat(qwen3.render(hi, null, true, Map.of("enable_thinking", false)))
            .isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n");
        assertThat(llama31.render(hi, null, true, Map.of("date_string", "01 Jan 2030")))
            .isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 01 Jan 2030\n\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void llama31BuiltinToolCallsUseTheItemsFilter() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("query", "Paris weather");
        Map<String, Object> call = new LinkedHashMap<>(toolCall(arguments).get(1));
        ((Map<String, Object>) ((List<Map<String, Object>>) call.get("tool_calls")).getFirst().get("function"))
            .put("name", "brave_search");
        List<Map<String, Object>> messages = List.of(message("user", "Search for Paris"), call, message("ipython", "sunny"));

        String prompt = fixture("llama3.1", "<|begin_of_text|>", "<|eot_id|>").render(messages, null, true,
            Map.of("builtin_tools", List.of("brave_search", "code_interpreter")));

        assertThat(prompt).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            + "Environment: ipython\nTools: brave_search\n\nCutting Knowledge Date: December 2023\n"
            + "Today Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nSearch for Paris<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n<|python_tag|>brave_search.call(query=\"Paris weather\")"
            + "<|eom_id|><|start_header_id|>ipython<|end_header_id|>\n\n\"sunny\"<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void failsWhereJinja2Fails() {
        // None + str is a TypeError in Python; Jinjava alone would print "null"
        assertThatThrownBy(() -> ChatTemplate.compile("{{ 'x' + messages[0].nope }}", null, null)
                .render(CONVERSATION, null, false))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("unsupported operand for +");
        // endless recursion is a RecursionError in Python; Jinjava alone would only warn
        assertThatThrownBy(() -> ChatTemplate.compile("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", null, null)
                .render(CONVERSATION, null, false))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("recursion");
        assertThatThrownBy(() -> ChatTemplate.compile("{{ 'x'.nosuchmethod() }}", null, null)
                .render(CONVERSATION, null, false))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("nosuchmethod");
    }

    @Test
    void raiseExceptionBecomesTemplateExceptionWithTheTemplatesMessage() {
        List<Map<String, Object>> twoUsers = List.of(message("user", "First"), message("user", "Second"));

        assertThatThrownBy(() -> fixture("mistral-v0.3", "<s>", "</s>").render(twoUsers, null, true))
            .isInstanceOf(TemplateException.class)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("After the optional system message, conversation roles must alternate "
                + "user/assistant/user/assistant/...");
        assertThatThrownBy(() -> fixture("gemma2", "<bos>", "<eos>").render(CONVERSATION, null, true))
            .isInstanceOf(TemplateException.class)
            .hasMessage("System role not supported");
        assertThatThrownBy(() -> ChatTemplate.compile("{{ raise_exception('no ' ~ messages|length) }}", null, null)
                .render(CONVERSATION, null, false))
            .isInstanceOf(TemplateException.class)
            .hasMessage("no 4");
    }

    @Test
    void toolCallArgumentsTakeTheShapeTheTemplateRenders() {
        Map<String, Object> asObject = new LinkedHashMap<>();
        asObject.put("location", "Paris, France");
        asObject.put("unit", "celsius");
        String asString = "{\"location\": \"Paris, France\", \"unit\": \"celsius\"}";
        ChatTemplate qwen = fixture("chatml-qwen2.5", "", "<|im_end|>");
        ChatTemplate deepSeek = fixture("deepseek-r1", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>");

        // Qwen pipes the arguments through tojson, so a JSON string is parsed first ...
        for (Object arguments : List.of(asString, asObject)) {
            assertThat(qwen.render(toolCall(arguments), null, false)).endsWith("""
                <|im_start|>assistant
                <tool_call>
                {"name": "get_weather", "arguments": {"location": "Paris, France", "unit": "celsius"}}
                </tool_call><|im_end|>
                """);
        }
        // ... while DeepSeek concatenates them, so an object is serialized the way Python's json does
        for (Object arguments : List.of(asString, asObject)) {
            assertThat(deepSeek.render(toolCall(arguments), null, false)).endsWith(
                "get_weather\n```json\n" + asString + "\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜><｜end▁of▁sentence｜>");
        }
    }

    @Test
    void messageTextIsNeverInterpretedAsTemplate() {
        ChatTemplate template = fixture("chatml-qwen2.5", "", "<|im_end|>");
        List<Map<String, Object>> sneaky = List.of(message("user", "{{ raise_exception('x') }} {% if %} {# #}"));

        assertThat(template.render(sneaky, null, false))
            .contains("<|im_start|>user\n{{ raise_exception('x') }} {% if %} {# #}<|im_end|>\n");
    }

    @Test
    void theCallersMessagesAreLeftUntouched() {
        Map<String, Object> function = new LinkedHashMap<>(Map.of("name", "f", "arguments", "{\"a\": 1}"));
        Map<String, Object> call = new LinkedHashMap<>(Map.of("id", "call00001", "type", "function", "function", function));
        Map<String, Object> assistant = new LinkedHashMap<>(Map.of("role", "assistant", "tool_calls", List.of(call)));
        List<Map<String, Object>> messages = new ArrayList<>(List.of(message("user", "Hi"), assistant));

        fixture("chatml-qwen2.5", "", "<|im_end|>").render(messages, null, false);
        ChatTemplate.compile("{% set _ = messages[0].update({'role': 'x'}) %}{% set _ = messages.append(1) %}", null, null)
            .render(messages, null, false);

        assertThat(function.get("arguments")).isEqualTo("{\"a\": 1}");
        assertThat(messages).hasSize(2);
        assertThat(messages.getFirst().get("role")).isEqualTo("user");
    }

    @Test
    void toolsAreUndefinedWhenThereAreNone() {
        ChatTemplate template = ChatTemplate.compile(
            "{{ tools is defined }} {{ tools|length if tools is defined else 0 }}", null, null);

        assertThat(template.render(CONVERSATION, null, false)).isEqualTo("False 0");
        assertThat(template.render(CONVERSATION, List.of(), false)).isEqualTo("False 0");
        assertThat(template.render(CONVERSATION, List.of(Map.of("type", "function")), false)).isEqualTo("True 1");
    }

    @Test
    void bosAndEosTokensAreUndefinedWhenNull() {
        ChatTemplate template = ChatTemplate.compile("[{{ bos_token }}|{{ eos_token is defined }}]", null, null);

        assertThat(template.render(CONVERSATION, null, false)).isEqualTo("[|False]");
    }

    @Test
    void templatesThatCannotBeParsedAreRejectedAtCompileTime() {
        assertThatThrownBy(() -> ChatTemplate.compile("{% for m in messages %}{{ m.content }}", null, null))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("endfor");
        assertThatThrownBy(() -> ChatTemplate.compile("{{ messages[0].content ", null, null))
            .isInstanceOf(TemplateException.class)
            .hasMessage("Chat template syntax error at line 1: unclosed tag, expected '}}'");
        assertThatThrownBy(() -> ChatTemplate.compile("a\n{{ 'unclosed }}", null, null))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("line 2");
        assertThatThrownBy(() -> ChatTemplate.compile("{% if messages[0].role == %}x{% endif %}", null, null))
            .isInstanceOf(TemplateException.class)
            .hasMessageStartingWith("Chat template syntax error at line 1");
        assertThatThrownBy(() -> ChatTemplate.compile("{{ messages|nosuchfilter }}", null, null))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("no filter named 'nosuchfilter'");
        assertThatThrownBy(() -> ChatTemplate.compile("{% frobnicate %}", null, null))
            .isInstanceOf(TemplateException.class)
            .hasMessageContaining("frobnicate");
    }

    @Test
    void rendersFromSeveralThreadsAtOnce() throws Exception {
        ChatTemplate template = fixture("qwen3", "", "<|im_end|>");
        String expected = template.render(CONVERSATION, null, true);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> template.render(CONVERSATION, null, true)));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }

    private static ChatTemplate fixture(String name, String bos, String eos) {
        return ChatTemplate.compile(ChatTemplateFixturesTest.read(name + ".jinja"), bos, eos);
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    private static List<Map<String, Object>> toolCall(Object arguments) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", "get_weather");
        function.put("arguments", arguments);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("id", "call12345");
        call.put("type", "function");
        call.put("function", function);
        Map<String, Object> assistant = message("assistant", null);
        assistant.put("tool_calls", List.of(call));
        return List.of(message("user", "What's the weather in Paris?"), assistant);
    }
}
