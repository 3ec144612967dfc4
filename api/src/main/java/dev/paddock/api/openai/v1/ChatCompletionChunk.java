package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One server-sent event of a streamed chat completion.
 *
 * @param id the same {@code chatcmpl-...} in every chunk of a stream
 * @param object always "chat.completion.chunk"
 * @param created epoch seconds
 * @param model the model that answers
 * @param systemFingerprint identifies the server build
 * @param choices the choices this chunk updates; empty in the last, usage-only chunk
 * @param usage token counts, only in the last chunk and only when asked for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionChunk(
        String id,
        String object,
        long created,
        String model,
        @JsonProperty("system_fingerprint") String systemFingerprint,
        List<ChunkChoice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {

    public static final String OBJECT = "chat.completion.chunk";

    /**
     * What one choice adds.
     *
     * @param index the choice
     * @param delta the message fragment
     * @param logprobs log-probabilities of this fragment's tokens, or null
     * @param finishReason null until the choice's last chunk
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChunkChoice(
            int index,
            Delta delta,
            ChatLogprobs logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * A fragment of the assistant's message; fields not in this fragment are left out.
     *
     * @param role "assistant", in a choice's first chunk only
     * @param content text to append
     * @param toolCalls tool call fragments
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls) {

        public static final Delta EMPTY = new Delta(null, null, null);
    }
}
