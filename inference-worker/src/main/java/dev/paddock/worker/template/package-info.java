/**
 * Hugging Face chat templates (Jinja2, from a GGUF file's {@code tokenizer.chat_template}) rendered
 * with Jinjava, matching what Python's Jinja2 renders in transformers' {@code apply_chat_template}.
 *
 * <p>
 * {@link dev.paddock.worker.template.ChatTemplate} is the entry point. The rest bridges Jinjava to
 * Jinja2: a source rewrite for what Jinjava parses differently ({@code JinjaSource},
 * {@code ExpressionRewriter}), operators, filters, tests, a {@code for} tag and printing with
 * Python's semantics, and the globals transformers provides ({@code raise_exception},
 * {@code strftime_now}, {@code tojson}).
 *
 * <p>
 * Known differences from Jinja2: Jinjava has one {@code null} for None and undefined, so a key
 * present with value None is not {@code defined} and prints as nothing where Jinja2 prints
 * {@code None}; {@code d.items} without parentheses reads the key {@code items} (Jinja2 finds the
 * method); {@code |safe} strings do not HTML-escape what is added to them; {@code %} is only the
 * modulo of Java (no string formatting, no floor semantics for negatives); chained comparisons
 * ({@code a < b < c}), tuple assignment in {@code set}, recursive loops, {@code loop.changed}, the
 * {@code dict()} global are not supported; tuples are lists; and sandbox violations (such as
 * {@code messages.append(...)}) are allowed rather than refused.
 */
package dev.paddock.worker.template;
