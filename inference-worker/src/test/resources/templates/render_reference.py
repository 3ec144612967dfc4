#!/usr/bin/env python3
"""Computes the expected outputs under expected/ with Python Jinja2, the way Hugging Face
transformers renders chat templates (see transformers.utils.chat_template_utils:
_compile_jinja_template): an ImmutableSandboxedEnvironment with trim_blocks and lstrip_blocks,
the loopcontrols extension, a {% generation %} tag, and the globals/filters raise_exception,
strftime_now and tojson (json.dumps with ensure_ascii=False).

Two choices mirror llama.cpp (and ChatTemplate), not transformers:
  * `tools` is left undefined when a conversation has none (transformers passes tools=None);
  * tool-call arguments, given as JSON strings (OpenAI style), are turned into objects only for
    templates that cannot render string arguments (probed the way llama.cpp's minja does).

Run from this folder: python3 render_reference.py   (needs only jinja2; writes expected/)
"""
import json
import os
from datetime import datetime

import jinja2
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

# The fixed "now" for strftime_now; ChatTemplateFixturesTest uses the same instant (UTC).
NOW = datetime(2025, 3, 14, 9, 26, 53)


class GenerationTag(Extension):
    """{% generation %}...{% endgeneration %} renders its body unchanged (transformers' AssistantTracker)."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(fmt):
    return NOW.strftime(fmt)


def compile_template(source):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[GenerationTag, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env.from_string(source)


def raw_render(template, messages, tools, add_generation_prompt, bos, eos):
    variables = dict(messages=messages, add_generation_prompt=add_generation_prompt, bos_token=bos, eos_token=eos)
    if tools:
        variables["tools"] = tools
    return template.render(**variables)


NEEDLE_ARGS = {"argument_needle": "print('Hello, World!')"}


def probe_arguments(template, bos, eos):
    """Returns (renders string arguments, renders object arguments), like minja's capability probe."""
    def renders(arguments):
        messages = [{"role": "user", "content": "Hey"},
                    {"role": "assistant", "content": None, "tool_calls": [
                        {"id": "call00001", "type": "function",
                         "function": {"name": "ipython", "arguments": arguments}}]}]
        try:
            out = raw_render(template, messages, None, False, bos, eos)
        except Exception:
            return False
        return '"argument_needle":' in out or "'argument_needle':" in out
    return renders(json.dumps(NEEDLE_ARGS)), renders(NEEDLE_ARGS)


def normalize_arguments(messages, string_ok, object_ok):
    for message in messages:
        for call in message.get("tool_calls") or []:
            function = call.get("function") or {}
            arguments = function.get("arguments")
            if isinstance(arguments, str) and object_ok and not string_ok:
                try:
                    function["arguments"] = json.loads(arguments)
                except ValueError:
                    pass
            elif isinstance(arguments, dict) and string_ok and not object_ok:
                function["arguments"] = json.dumps(arguments, ensure_ascii=False)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    for name, spec in manifest.items():
        with open(os.path.join(here, name + ".jinja"), encoding="utf-8", newline="") as f:
            template = compile_template(f.read())
        string_ok, object_ok = probe_arguments(template, spec["bos"], spec["eos"])
        out_dir = os.path.join(here, "expected", name)
        os.makedirs(out_dir, exist_ok=True)
        for conversation in spec["conversations"]:
            with open(os.path.join(here, "conversations", conversation + ".json"), encoding="utf-8") as f:
                data = json.load(f)
            normalize_arguments(data["messages"], string_ok, object_ok)
            for add_generation_prompt in (False, True):
                stem = os.path.join(out_dir, conversation + (".gen" if add_generation_prompt else ".nogen"))
                for stale in (stem + ".txt", stem + ".error.txt"):
                    if os.path.exists(stale):
                        os.remove(stale)
                try:
                    text, path = raw_render(template, data["messages"], data.get("tools"), add_generation_prompt,
                                            spec["bos"], spec["eos"]), stem + ".txt"
                except jinja2.exceptions.TemplateError as e:
                    text, path = str(e), stem + ".error.txt"
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
        print(f"{name}: string arguments {string_ok}, object arguments {object_ok}")


if __name__ == "__main__":
    main()
