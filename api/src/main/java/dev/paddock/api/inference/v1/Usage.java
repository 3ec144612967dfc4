package dev.paddock.api.inference.v1;

/**
 * Token counts of one request.
 *
 * @param promptTokens tokens in the prompt as the model saw it (after the chat template)
 * @param completionTokens tokens generated
 * @param cachedPromptTokens prompt tokens reused from the KV cache instead of being computed
 */
public record Usage(int promptTokens, int completionTokens, int cachedPromptTokens) {
    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
