package dev.paddock.gateway.openai;

import dev.paddock.api.openai.v1.GenerationOptions;

/**
 * Whether and how a response is streamed.
 *
 * @param enabled send server-sent events
 * @param includeUsage end the stream with a usage-only chunk
 */
public record Streaming(boolean enabled, boolean includeUsage) {

    public static Streaming of(GenerationOptions o) {
        boolean enabled = Boolean.TRUE.equals(o.stream());
        RequestChecks.require(enabled || o.streamOptions() == null, "stream_options",
                "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        boolean usage = enabled && Boolean.TRUE.equals(o.streamOptions() == null ? null
                : o.streamOptions().includeUsage());
        return new Streaming(enabled, usage);
    }
}
