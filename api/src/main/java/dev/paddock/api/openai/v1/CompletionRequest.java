package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The body of {@code POST /v1/completions} (legacy text completions).
 *
 * @param model the model's name or alias
 * @param prompt a string, an array of strings, an array of token ids or an array of such arrays
 * @param suffix text after the completion (not supported: rejected when set)
 * @param echo return the prompt before the completion
 * @param logprobs how many most likely alternatives to return per token (0-5), null for none
 * @param bestOf generate this many and return the best (only 1 is supported)
 * @param stream stream server-sent events
 * @param streamOptions options of the event stream
 * @param n how many choices to generate per prompt
 * @param stop a stop string or an array of up to 4
 * @param maxTokens most tokens to generate
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling mass
 * @param seed random seed
 * @param presencePenalty penalty on tokens already present
 * @param frequencyPenalty penalty proportional to token frequency
 * @param logitBias token id (as a string) to a bias from -100 to 100
 * @param user an end-user identifier (accepted, ignored)
 * @param topK vLLM extension: keep the k most likely tokens
 * @param minP vLLM extension: minimum probability relative to the best token
 * @param repetitionPenalty vLLM extension: multiplicative repetition penalty
 * @param minTokens vLLM extension: tokens generated before stopping is allowed
 * @param ignoreEos vLLM extension: generate past end-of-generation tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionRequest(
        String model,
        JsonNode prompt,
        String suffix,
        Boolean echo,
        Integer logprobs,
        @JsonProperty("best_of") Integer bestOf,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Integer n,
        JsonNode stop,
        @JsonProperty("max_tokens") Integer maxTokens,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        Long seed,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        @JsonProperty("logit_bias") Map<String, Double> logitBias,
        String user,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("min_p") Double minP,
        @JsonProperty("repetition_penalty") Double repetitionPenalty,
        @JsonProperty("min_tokens") Integer minTokens,
        @JsonProperty("ignore_eos") Boolean ignoreEos) implements GenerationOptions {
}
