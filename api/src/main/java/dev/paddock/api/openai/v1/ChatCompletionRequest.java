package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/chat/completions}.
 *
 * @param model the model's name or alias
 * @param messages the conversation so far
 * @param stream stream server-sent events
 * @param streamOptions options of the event stream
 * @param n how many choices to generate
 * @param stop a stop string or an array of up to 4
 * @param maxTokens most tokens to generate (deprecated by OpenAI in favour of max_completion_tokens)
 * @param maxCompletionTokens most tokens to generate
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling mass
 * @param seed random seed
 * @param presencePenalty penalty on tokens already present
 * @param frequencyPenalty penalty proportional to token frequency
 * @param logitBias token id (as a string) to a bias from -100 to 100
 * @param logprobs return the log-probability of each generated token
 * @param topLogprobs how many most likely alternatives to return per token (0-20, needs logprobs)
 * @param responseFormat text, json_object or json_schema
 * @param user an end-user identifier (accepted, ignored)
 * @param tools functions the model may call
 * @param toolChoice none, auto, required, or a named function
 * @param parallelToolCalls whether several tool calls may be made (accepted, one call is made)
 * @param topK vLLM extension: keep the k most likely tokens
 * @param minP vLLM extension: minimum probability relative to the best token
 * @param repetitionPenalty vLLM extension: multiplicative repetition penalty
 * @param minTokens vLLM extension: tokens generated before stopping is allowed
 * @param ignoreEos vLLM extension: generate past end-of-generation tokens
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(
        String model,
        List<ChatMessageParam> messages,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        Integer n,
        JsonNode stop,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        Long seed,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        @JsonProperty("logit_bias") Map<String, Double> logitBias,
        Boolean logprobs,
        @JsonProperty("top_logprobs") Integer topLogprobs,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        String user,
        List<ToolParam> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("min_p") Double minP,
        @JsonProperty("repetition_penalty") Double repetitionPenalty,
        @JsonProperty("min_tokens") Integer minTokens,
        @JsonProperty("ignore_eos") Boolean ignoreEos) implements GenerationOptions {
}
