package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.FinishReason;

/** OpenAI's {@code finish_reason} for an engine finish reason. */
public final class FinishReasons {

    /** The model called a tool. */
    public static final String TOOL_CALLS = "tool_calls";

    private FinishReasons() {
    }

    public static String wire(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "length";
            // a cancelled generation is only seen when the client is still there (a deadline): it stopped
            case STOP, CANCELLED -> "stop";
            case ERROR -> throw new IllegalArgumentException("an error has no finish_reason");
        };
    }
}
