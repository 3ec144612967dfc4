package dev.paddock.worker.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.worker.nativelib.Backend;
import dev.paddock.worker.nativelib.NativeLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlamaRuntimeTest {

    @AfterEach
    void reset() {
        System.clearProperty("paddock.engine.backend");
    }

    @Test
    void autoPicksCpuWithoutACudaBuildOrDriver() {
        System.setProperty("paddock.engine.backend", "auto");
        Backend expected = NativeLibraries.isAvailable(Backend.CUDA)
                && (Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/proc/driver/nvidia/version"))) ? Backend.CUDA : Backend.CPU;
        assertThat(LlamaRuntime.chooseBackend()).isEqualTo(expected);
    }

    @Test
    void explicitChoicesAreHonoured() {
        System.setProperty("paddock.engine.backend", "CPU");
        assertThat(LlamaRuntime.chooseBackend()).isEqualTo(Backend.CPU);
        System.setProperty("paddock.engine.backend", "cuda");
        assertThat(LlamaRuntime.chooseBackend()).isEqualTo(Backend.CUDA);
    }

    @Test
    void unknownBackendIsRejectedWithTheChoices() {
        System.setProperty("paddock.engine.backend", "metal");
        assertThatThrownBy(LlamaRuntime::chooseBackend).hasMessageContaining("cpu, cuda or auto")
                .hasMessageContaining("metal");
    }
}
