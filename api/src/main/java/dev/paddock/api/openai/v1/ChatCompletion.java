package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of a non-streamed {@code POST /v1/chat/completions}.
 *
 * @param id {@code chatcmpl-...}
 * @param object always "chat.completion"
 * @param created epoch seconds
 * @param model the model that answered
 * @param systemFingerprint identifies the server build
 * @param choices one per generated choice
 * @param usage token counts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(
        String id,
        String object,
        long created,
        String model,
        @JsonProperty("system_fingerprint") String systemFingerprint,
        List<ChatChoice> choices,
        Usage usage) {

    public static final String OBJECT = "chat.completion";
}
