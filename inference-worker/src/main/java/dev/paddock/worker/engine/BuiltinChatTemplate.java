package dev.paddock.worker.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;

import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.worker.llama.Llama;
import dev.paddock.worker.llama.LlamaLayouts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * llama.cpp's built-in chat templates (chatml, llama2, llama3, mistral-v7, gemma, phi3, ...), used
 * when a model carries no Jinja template or names one of these. llama.cpp also recognises a Jinja
 * template it knows by its text.
 */
final class BuiltinChatTemplate {

    private final String nameOrSource;

    BuiltinChatTemplate(String nameOrSource) {
        this.nameOrSource = nameOrSource;
    }

    /** Whether llama.cpp can render this name or template. */
    boolean isSupported() {
        try {
            render(List.of(ChatMessage.of("user", "x")), true);
            return true;
        } catch (InferenceException e) {
            return false;
        }
    }

    String render(List<ChatMessage> messages, boolean addAssistant) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment chat = arena.allocate(LlamaLayouts.CHAT_MESSAGE, Math.max(1, messages.size()));
            int chars = 0;
            for (int i = 0; i < messages.size(); i++) {
                ChatMessage m = messages.get(i);
                String content = m.content() == null ? "" : m.content();
                chars += content.length() + 32;
                chat.setAtIndex(ADDRESS, 2L * i, arena.allocateFrom(m.role()));
                chat.setAtIndex(ADDRESS, 2L * i + 1, arena.allocateFrom(content));
            }
            MemorySegment tmpl = arena.allocateFrom(nameOrSource);
            int size = Math.max(256, chars * 2);
            MemorySegment buf = arena.allocate(size);
            int n = Llama.chatApplyTemplate(tmpl, chat, messages.size(), addAssistant, buf, size);
            if (n > size) {
                size = n + 1;
                buf = arena.allocate(size);
                n = Llama.chatApplyTemplate(tmpl, chat, messages.size(), addAssistant, buf, size);
            }
            if (n < 0) {
                throw InferenceException.invalid("messages", "the chat template is not supported by llama.cpp");
            }
            return new String(buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
