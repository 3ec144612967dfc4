package dev.paddock.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the small GGUF models used by tests live: the repository's {@code models/} folder (the
 * embedded defaults) and {@code ../shared/models} beside the checkout (extra test models). The build
 * passes both folders as system properties; running from an IDE, they are found from the working
 * directory upwards.
 */
public final class TestModels {

    /** TinyStories 260K (llama architecture, 512-token vocabulary). */
    public static final String STORIES_260K = "stories260K.gguf";
    /** Random-weight llama-2 with the real 32,000-token SentencePiece vocabulary. */
    public static final String LLAMA2_TINY_RANDOM = "llama-2-tiny-random.gguf";
    /** all-MiniLM-L6-v2 sentence embeddings (BERT, 384 dimensions). */
    public static final String MINILM = "all-MiniLM-L6-v2-q8_0.gguf";

    private TestModels() {
    }

    public static Path stories260K() {
        return find(STORIES_260K);
    }

    public static Path llama2TinyRandom() {
        return find(LLAMA2_TINY_RANDOM);
    }

    public static Path miniLm() {
        return find(MINILM);
    }

    /** The path of a model file, or an error listing where it was looked for. */
    public static Path find(String file) {
        List<Path> candidates = candidates();
        for (Path dir : candidates) {
            Path p = dir.resolve(file);
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("test model " + file + " not found in " + candidates);
    }

    private static List<Path> candidates() {
        List<Path> dirs = new ArrayList<>();
        for (String prop : List.of("paddock.models.dir", "paddock.shared.models.dir")) {
            String v = System.getProperty(prop);
            if (v != null) {
                dirs.add(Path.of(v));
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            dirs.add(d.resolve("models"));
            dirs.add(d.resolve("../shared/models").normalize());
        }
        return dirs;
    }
}
