package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.gateway.openai.Streaming;
import java.util.List;

/**
 * A checked chat request, ready to run.
 *
 * @param id the response id
 * @param created epoch seconds
 * @param model the model's own name
 * @param requests one engine request per choice
 * @param streaming whether and how to stream
 * @param logprobs whether to return logprobs
 * @param forcing the tool call forced, or null
 */
record ChatPlan(String id, long created, String model, List<GenerateRequest> requests, Streaming streaming,
        boolean logprobs, ToolForcing forcing) {
}
