package dev.paddock.server.config;

import dev.paddock.api.model.v1alpha1.ModelSpec;
import java.nio.file.Path;
import java.util.List;

/** The models served when no paddock.yaml is given: the two small models committed under models/. */
public final class DefaultModels {

    /** Default chat and completions model. */
    public static final String GENERATE = "stories260k";
    /** Default embeddings model. */
    public static final String EMBED = "all-minilm-l6-v2";

    private DefaultModels() {
    }

    public static List<ModelSpec> in(Path modelsDir) {
        ModelSpec stories = new ModelSpec();
        stories.name = GENERATE;
        stories.aliases = List.of("default");
        stories.source = modelsDir.resolve("stories260K.gguf").toAbsolutePath().toString();
        stories.sha256 = "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d";
        stories.contextSize = 512;
        stories.parallel = 4;
        stories.defaults.maxTokens = 128;

        ModelSpec minilm = new ModelSpec();
        minilm.name = EMBED;
        minilm.aliases = List.of("text-embedding-default");
        minilm.task = ModelSpec.Task.embed;
        minilm.source = modelsDir.resolve("all-MiniLM-L6-v2-q8_0.gguf").toAbsolutePath().toString();
        minilm.sha256 = "81ec146e6dfaac16d867c4bb28b1a155e261888bc8125ec5ff7c55b7595edef8";
        minilm.contextSize = 512;
        minilm.parallel = 8;
        return List.of(stories, minilm);
    }
}
