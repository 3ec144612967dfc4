package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code POST /v1/embeddings}.
 *
 * @param object always "list"
 * @param data one embedding per input, in input order
 * @param model the model that computed them
 * @param usage tokens read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingResponse(String object, List<Embedding> data, String model, EmbeddingUsage usage) {

    public static EmbeddingResponse of(List<Embedding> data, String model, int promptTokens) {
        return new EmbeddingResponse("list", data, model, new EmbeddingUsage(promptTokens, promptTokens));
    }

    /**
     * One vector.
     *
     * @param object always "embedding"
     * @param index the input's position
     * @param embedding a JSON array of floats, or for base64 a string of little-endian float32 bytes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Embedding(String object, int index, Object embedding) {

        public static Embedding of(int index, Object embedding) {
            return new Embedding("embedding", index, embedding);
        }
    }

    /**
     * Tokens read.
     *
     * @param promptTokens tokens over all inputs
     * @param totalTokens the same
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }
}
