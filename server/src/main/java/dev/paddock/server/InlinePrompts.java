package dev.paddock.server;

import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.ToolDefinition;

/**
 * Which prompts are small enough to template and tokenize on an event loop. The bound is in
 * characters (about a thousand tokens): llama.cpp tokenizes that in well under a millisecond, and the
 * chat template renders a few messages in tens of microseconds.
 */
final class InlinePrompts {

    /** Characters of prompt text (contents, tool arguments and tool schemas together). */
    static final int MAX_CHARS = 4096;

    private InlinePrompts() {
    }

    static boolean small(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Text t -> t.text().length() <= MAX_CHARS;
            case Prompt.Tokens t -> t.tokens().length <= MAX_CHARS / 4;
            case Prompt.Chat c -> chatChars(c) <= MAX_CHARS;
        };
    }

    private static long chatChars(Prompt.Chat chat) {
        long n = 0;
        for (ChatMessage m : chat.messages()) {
            n += length(m.content());
            if (m.toolCalls() != null) {
                for (ChatMessage.ToolCall call : m.toolCalls()) {
                    n += length(call.arguments()) + length(call.name());
                }
            }
        }
        if (chat.tools() != null) {
            for (ToolDefinition tool : chat.tools()) {
                n += length(tool.name()) + length(tool.description())
                        + (tool.parameters() == null ? 0 : tool.parameters().toString().length());
            }
        }
        return n;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
