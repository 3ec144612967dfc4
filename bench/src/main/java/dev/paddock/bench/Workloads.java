package dev.paddock.bench;

import java.util.List;

/** The load both sides get: the same prompt, the same sentences. */
final class Workloads {

    /** The generation prompt (stories260K was trained on TinyStories). */
    static final String PROMPT = "Once upon a time";

    /** Short sentences for the embedding rows, one per request, cycled. */
    static final List<String> SENTENCES = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Paddock serves language models on hardware you own.",
            "A cat sat quietly on the warm windowsill.",
            "Embeddings map sentences to vectors of numbers.",
            "It rained all afternoon, so we stayed inside.",
            "The train to the coast leaves at nine o'clock.",
            "She planted tomatoes and basil in the garden.",
            "Continuous batching keeps every slot of the model busy.");

    private Workloads() {
    }

    static String sentence(int index) {
        return SENTENCES.get(index % SENTENCES.size());
    }
}
