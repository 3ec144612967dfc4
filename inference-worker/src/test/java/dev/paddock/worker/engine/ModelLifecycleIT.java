package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.testing.ProcessMemory;
import dev.paddock.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, closing and bad model files. */
class ModelLifecycleIT {

    /** RSS may grow by at most this much over 50 load/close cycles (allocator and JIT noise). */
    private static final long RSS_BOUND_BYTES = 16L << 20;

    @Test
    void loadingAndClosingFiftyTimesKeepsMemoryFlat() {
        Path file = TestModels.miniLm();
        for (int i = 0; i < 5; i++) { // warm up allocator arenas and the JIT
            cycle(file);
        }
        System.gc();
        long before = ProcessMemory.rssBytes();
        for (int i = 0; i < 50; i++) {
            cycle(file);
        }
        System.gc();
        long growth = ProcessMemory.rssBytes() - before;
        System.out.printf("RSS growth over 50 load/close cycles of %s: %d KiB%n", file.getFileName(), growth >> 10);
        assertThat(growth).isLessThan(RSS_BOUND_BYTES);
    }

    private static void cycle(Path file) {
        try (Engine e = Engine.load("m", file, ModelOptions.defaults().withEmbeddings(true).withParallel(1))) {
            assertThat(e.model().vocabSize()).isPositive();
        }
    }

    @Test
    void closedModelRefusesUse() {
        LlamaModel m = LlamaModel.load(TestModels.stories260K(), 0);
        m.close();
        m.close(); // idempotent
        assertThatThrownBy(() -> m.tokenize("x", true, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.gguf");
        assertThatThrownBy(() -> LlamaModel.load(missing, 0)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("no such file");
    }

    @Test
    void nonGgufFileIsNamed(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("model.gguf"), "this is not a model, just some text here");
        assertThatThrownBy(() -> LlamaModel.load(text, 0)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("not a GGUF file");
    }

    @Test
    void truncatedFileIsNamedAndDoesNotCrash(@TempDir Path dir) throws Exception {
        byte[] full = Files.readAllBytes(TestModels.stories260K());
        for (int length : new int[] { 16, 4096, full.length / 2, full.length - 100 }) {
            Path cut = Files.write(dir.resolve("cut-" + length + ".gguf"), Arrays.copyOf(full, length));
            assertThatThrownBy(() -> LlamaModel.load(cut, 0)).isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining(cut.toString());
        }
    }
}
