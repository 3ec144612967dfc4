package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/embeddings}.
 *
 * @param model the model's name or alias
 * @param input a string, an array of strings, an array of token ids or an array of such arrays
 * @param encodingFormat float (default) or base64 (little-endian float32)
 * @param dimensions vector size wanted (only the model's own size is accepted)
 * @param user an end-user identifier (accepted, ignored)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingRequest(
        String model,
        JsonNode input,
        @JsonProperty("encoding_format") String encodingFormat,
        Integer dimensions,
        String user) {
}
