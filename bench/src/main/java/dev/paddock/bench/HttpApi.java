package dev.paddock.bench;

import java.util.Locale;

/**
 * The endpoints and request bodies of one HTTP server: all the load driver needs to know about it.
 *
 * @param generateEndpoint streaming completion endpoint, relative to the base URL
 * @param dialect how its stream reads
 * @param generateBody the body of request {@code index} generating {@code maxTokens} tokens
 * @param embedEndpoint embeddings endpoint, relative to the base URL
 * @param embedBody the body of embedding request {@code index}
 * @param embedMarker text every good embeddings answer contains
 */
record HttpApi(String generateEndpoint, StreamDialect dialect, GenerateBody generateBody, String embedEndpoint,
        EmbedBody embedBody, String embedMarker) {

    @FunctionalInterface
    interface GenerateBody {
        String of(int index, int maxTokens);
    }

    @FunctionalInterface
    interface EmbedBody {
        String of(int index);
    }

    /**
     * llama-server's native API: greedy (temperature 0), EOS ignored, prompt cache on (as Paddock reuses
     * a slot's cached prefix), pooled embeddings through the OpenAI-style endpoint.
     */
    static HttpApi llamaServer() {
        return new HttpApi("/completion", StreamDialect.LLAMA_CPP,
                (index, maxTokens) -> String.format(Locale.ROOT, "{\"prompt\":%s,\"n_predict\":%d,\"stream\":true,"
                        + "\"ignore_eos\":true,\"cache_prompt\":true,\"temperature\":0,\"seed\":%d}",
                        Json.quote(Workloads.PROMPT), maxTokens, index),
                "/v1/embeddings", index -> "{\"input\":" + Json.quote(Workloads.sentence(index)) + "}",
                "\"embedding\"");
    }

    /**
     * An OpenAI-compatible server (Paddock's own, for a "Paddock over HTTP" column): {@code /v1/completions}
     * streaming with usage, {@code /v1/embeddings}.
     */
    static HttpApi openAi(String generationModel, String embeddingModel) {
        return new HttpApi("/v1/completions", StreamDialect.OPENAI_COMPLETIONS,
                (index, maxTokens) -> String.format(Locale.ROOT, "{\"model\":%s,\"prompt\":%s,\"max_tokens\":%d,"
                        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0,"
                        + "\"ignore_eos\":true,\"seed\":%d}", Json.quote(generationModel),
                        Json.quote(Workloads.PROMPT), maxTokens, index),
                "/v1/embeddings", index -> "{\"model\":" + Json.quote(embeddingModel) + ",\"input\":"
                        + Json.quote(Workloads.sentence(index)) + "}",
                "\"embedding\"");
    }
}
