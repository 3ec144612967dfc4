package dev.paddock.worker.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.errorcategory.BasicTemplateErrorCategory;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face chat template (the Jinja2 source a GGUF file keeps in
 * {@code tokenizer.chat_template}), rendered with Jinjava so that the prompt matches what Python's
 * Jinja2 and transformers' {@code apply_chat_template} produce for the same conversation.
 *
 * <p>
 * The template sees {@code messages}, {@code tools} (undefined when there are none),
 * {@code add_generation_prompt}, {@code bos_token}, {@code eos_token}, the functions
 * {@code raise_exception} and {@code strftime_now}, and any extra variables given to
 * {@link #render(List, List, boolean, Map)}. Tool-call arguments are passed as a JSON string or as
 * an object, whichever the template renders (see {@link ToolCallArguments}).
 *
 * <p>
 * Instances are immutable and safe to render from several threads at once.
 */
public final class ChatTemplate {

    private final String source;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;
    private final ToolCallArguments.Style argumentStyle;

    private ChatTemplate(String source, String bosToken, String eosToken, Jinjava jinjava) {
        this.source = source;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.jinjava = jinjava;
        this.argumentStyle = ToolCallArguments.probe(
            messages -> renderPrepared(Values.deepCopyAll(messages), null, false, Map.of()));
    }

    /**
     * Compiles a template whose {@code strftime_now} reads the system clock in the default time zone.
     *
     * @param jinjaSource the Jinja2 source, as stored in the GGUF metadata
     * @param bosToken the text of the model's BOS token, or {@code null} to leave {@code bos_token} undefined
     * @param eosToken the text of the model's EOS token, or {@code null} to leave {@code eos_token} undefined
     * @throws TemplateException if the template cannot be parsed
     */
    public static ChatTemplate compile(String jinjaSource, String bosToken, String eosToken) {
        return compile(jinjaSource, bosToken, eosToken, Clock.systemDefaultZone());
    }

    /**
     * Compiles a template whose {@code strftime_now} reads {@code clock}, in the clock's zone.
     *
     * @see #compile(String, String, String)
     */
    public static ChatTemplate compile(String jinjaSource, String bosToken, String eosToken, Clock clock) {
        Objects.requireNonNull(jinjaSource, "jinjaSource");
        String prepared = JinjaSource.prepare(jinjaSource);
        Jinjava jinjava = JinjaEnvironment.create(Objects.requireNonNull(clock, "clock"));
        TemplateSyntax.check(jinjava, prepared);
        return new ChatTemplate(prepared, bosToken, eosToken, jinjava);
    }

    /**
     * Renders a conversation.
     *
     * @param messages OpenAI-style messages: {@code role}, {@code content} (may be null for an
     *        assistant message with {@code tool_calls}), optionally {@code name}, {@code tool_calls},
     *        {@code tool_call_id}
     * @param tools OpenAI-style tool definitions; {@code null} or empty when there are none
     * @param addGenerationPrompt whether to end with the header that opens the assistant's turn
     * @return the prompt text, special tokens written out as text
     * @throws TemplateException if the template raises an exception or fails while rendering
     */
    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
            boolean addGenerationPrompt) {
        return render(messages, tools, addGenerationPrompt, Map.of());
    }

    /**
     * Renders a conversation with extra template variables, such as {@code enable_thinking} or
     * {@code date_string}; the standard variables take precedence over them.
     *
     * @see #render(List, List, boolean)
     */
    public String render(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
            boolean addGenerationPrompt, Map<String, Object> variables) {
        // a copy, so that neither argument rewriting nor the template touches the caller's maps
        List<Map<String, Object>> copy = Values.deepCopyAll(Objects.requireNonNull(messages, "messages"));
        ToolCallArguments.apply(copy, argumentStyle);
        return renderPrepared(copy, tools, addGenerationPrompt, Objects.requireNonNullElse(variables, Map.of()));
    }

    /** Renders {@code messages}, which must be this render's own copy. */
    private String renderPrepared(List<Map<String, Object>> messages, List<Map<String, Object>> tools,
            boolean addGenerationPrompt, Map<String, Object> variables) {
        Map<String, Object> bindings = new HashMap<>();
        variables.forEach((name, value) -> bindings.put(name, Values.deepCopy(value)));
        TemplateFunctions.NAMES.forEach(name -> bindings.put(name, new TemplateFunctions.Marker(name)));
        bindings.put("messages", messages);
        if (tools != null && !tools.isEmpty()) {
            bindings.put("tools", Values.deepCopyAll(tools));
        } else {
            // undefined rather than None or [], as llama.cpp leaves it: templates test `tools is defined`
            bindings.remove("tools");
        }
        bindings.put("add_generation_prompt", addGenerationPrompt);
        putOrRemove(bindings, "bos_token", bosToken);
        putOrRemove(bindings, "eos_token", eosToken);
        RenderResult result = jinjava.renderForResult(source, bindings);
        throwIfFailed(result.getErrors());
        return result.getOutput();
    }

    private static void putOrRemove(Map<String, Object> bindings, String name, String value) {
        if (value != null) {
            bindings.put(name, value);
        } else {
            bindings.remove(name);
        }
    }

    /**
     * Jinjava collects errors and renders on; Jinja2 stops at the first. A template's own
     * {@code raise_exception} wins, with its message; otherwise the first fatal error. Warnings
     * (an unknown property, say) are what Jinja2 renders as undefined, and pass.
     */
    static void throwIfFailed(List<TemplateError> errors) {
        for (TemplateError error : errors) {
            for (Throwable t = error.getException(); t != null; t = t.getCause()) {
                if (t instanceof TemplateFunctions.RaisedException raised) {
                    throw new TemplateException(raised.getMessage());
                }
            }
        }
        for (TemplateError error : errors) {
            // Jinjava only warns when a macro recurses too deep, Python fails with RecursionError
            if (error.getSeverity() == ErrorType.FATAL || error.getCategory() == BasicTemplateErrorCategory.CYCLE_DETECTED) {
                throw new TemplateException("Chat template error at line " + error.getLineno() + ": "
                    + error.getMessage(), error.getException());
            }
        }
    }
}
