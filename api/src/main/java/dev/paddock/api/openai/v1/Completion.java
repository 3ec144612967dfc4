package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The response of {@code POST /v1/completions}, and each server-sent event of a streamed one (same
 * object; a stream's last chunk may carry only the usage, with empty choices).
 *
 * @param id {@code cmpl-...}
 * @param object always "text_completion"
 * @param created epoch seconds
 * @param model the model that answered
 * @param systemFingerprint identifies the server build
 * @param choices one per prompt and choice
 * @param usage token counts (in a stream, only in the last chunk and only when asked for)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Completion(
        String id,
        String object,
        long created,
        String model,
        @JsonProperty("system_fingerprint") String systemFingerprint,
        List<CompletionChoice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {

    public static final String OBJECT = "text_completion";
}
