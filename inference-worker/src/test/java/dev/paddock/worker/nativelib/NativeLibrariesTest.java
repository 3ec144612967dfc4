package dev.paddock.worker.nativelib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {

    @Test
    void extractsOnceIntoADirectoryKeyedByVersionAndHash(@TempDir Path cache) throws Exception {
        Path dir = NativeLibraries.extract(Backend.CPU, cache);
        assertThat(dir.getFileName().toString()).matches("linux-x64-3\\.22\\.1-[0-9a-f]{16}");
        assertThat(dir.resolve("libllama.v0.5.0.so")).isRegularFile();
        assertThat(dir.resolve(".complete")).isRegularFile();
        long modified = Files.getLastModifiedTime(dir.resolve("libllama.v0.5.0.so")).toMillis();
        assertThat(NativeLibraries.extract(Backend.CPU, cache)).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(dir.resolve("libllama.v0.5.0.so")).toMillis()).isEqualTo(modified);
    }

    @Test
    void concurrentExtractionsAgreeOnOneCompleteCopy(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit((Callable<Path>) () -> NativeLibraries.extract(Backend.CPU, cache)));
            }
            Path first = results.getFirst().get();
            for (Future<Path> f : results) {
                assertThat(f.get()).isEqualTo(first);
            }
            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries.toList()).containsExactly(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsupportedPlatformNamesTheSupportedOnes() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Windows 11");
            assertThatThrownBy(NativeLibraries::checkPlatform).isInstanceOf(UnsupportedPlatformException.class)
                    .hasMessageContaining("linux-x64").hasMessageContaining("windows 11");
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @Test
    void cudaVariantIsOnlyOfferedWhenBuilt() {
        assertThat(NativeLibraries.isAvailable(Backend.CPU)).isTrue();
        if (!NativeLibraries.isAvailable(Backend.CUDA)) {
            assertThatThrownBy(() -> NativeLibraries.extract(Backend.CUDA, Path.of("/tmp/unused")))
                    .hasMessageContaining("-Pcuda");
        }
    }
}
