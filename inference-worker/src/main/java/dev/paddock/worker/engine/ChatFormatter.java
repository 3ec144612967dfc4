package dev.paddock.worker.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.ToolDefinition;
import dev.paddock.worker.template.ChatTemplate;
import dev.paddock.worker.template.TemplateException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Renders a conversation into the prompt text the model was trained on. The model's own Jinja
 * template (GGUF {@code tokenizer.chat_template}) or a configured one is rendered in Java; a model
 * without one, or a configured built-in name, uses llama.cpp's built-in templates (chatml by default).
 */
final class ChatFormatter {

    private static final Logger LOG = Logger.getLogger(ChatFormatter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FALLBACK = "chatml";

    private final ChatTemplate jinja;
    private final BuiltinChatTemplate builtin;
    private final String description;

    ChatFormatter(LlamaModel model, String override) {
        String source = override != null && !override.isBlank() ? override : model.chatTemplate();
        ChatTemplate compiled = null;
        String desc;
        if (source == null) {
            desc = "built-in " + FALLBACK + " (the model has no chat template)";
            source = FALLBACK;
        } else if (isJinja(source)) {
            try {
                compiled = ChatTemplate.compile(source, model.bosText(),
                        model.specialTokenText(model.eosToken()));
                desc = "jinja";
            } catch (TemplateException e) {
                LOG.warnf("chat template of %s does not compile (%s); trying llama.cpp's built-in detection",
                        model.file(), e.getMessage());
                desc = "built-in, detected from the template text";
            }
        } else {
            desc = "built-in " + source;
        }
        this.jinja = compiled;
        this.builtin = compiled == null ? new BuiltinChatTemplate(source) : null;
        this.description = desc;
        if (builtin != null && !builtin.isSupported()) {
            throw new IllegalArgumentException("chat template '" + abbreviate(source)
                    + "' is neither valid Jinja nor one of llama.cpp's built-in templates");
        }
    }

    String description() {
        return description;
    }

    String render(List<ChatMessage> messages, List<ToolDefinition> tools) {
        if (messages == null || messages.isEmpty()) {
            throw InferenceException.invalid("messages", "'messages' must contain at least one message");
        }
        if (jinja == null) {
            return builtin.render(messages, true);
        }
        try {
            return jinja.render(toMaps(messages), tools == null || tools.isEmpty() ? null : toolMaps(tools), true);
        } catch (TemplateException e) {
            throw InferenceException.invalid("messages", "the model's chat template rejected the messages: "
                    + e.getMessage());
        }
    }

    private static List<Map<String, Object>> toMaps(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            if (m.name() != null) {
                map.put("name", m.name());
            }
            if (m.toolCalls() != null && !m.toolCalls().isEmpty()) {
                map.put("tool_calls", m.toolCalls().stream().map(ChatFormatter::toolCallMap).toList());
            }
            if (m.toolCallId() != null) {
                map.put("tool_call_id", m.toolCallId());
            }
            out.add(map);
        }
        return out;
    }

    private static Map<String, Object> toolCallMap(ChatMessage.ToolCall call) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", call.name());
        function.put("arguments", parseOrText(call.arguments()));
        return Map.of("id", call.id() == null ? "" : call.id(), "type", "function", "function", function);
    }

    private static List<Map<String, Object>> toolMaps(List<ToolDefinition> tools) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ToolDefinition t : tools) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", t.name());
            if (t.description() != null) {
                function.put("description", t.description());
            }
            if (t.parameters() != null) {
                function.put("parameters", JSON.convertValue(t.parameters(), Map.class));
            }
            out.add(Map.of("type", "function", "function", function));
        }
        return out;
    }

    // templates index into arguments as a mapping (e.g. `tool_call.arguments | tojson`); keep text that is not JSON
    private static Object parseOrText(String arguments) {
        try {
            return JSON.readValue(arguments, Object.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return arguments;
        }
    }

    private static boolean isJinja(String s) {
        return s.contains("{%") || s.contains("{{");
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
