package dev.paddock.api.inference.v1;

import java.util.List;

/** What the model is asked to continue: raw text, token ids, or a conversation to render. */
public sealed interface Prompt {

    /** Plain text, tokenized by the worker with the model's special tokens added. */
    record Text(String text) implements Prompt {
    }

    /** Token ids, used as they are. */
    record Tokens(int[] tokens) implements Prompt {
    }

    /** A conversation, rendered by the model's chat template with a generation prompt appended. */
    record Chat(List<ChatMessage> messages, List<ToolDefinition> tools) implements Prompt {
    }
}
