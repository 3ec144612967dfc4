package dev.paddock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged server (what ./paddock serve runs) with bad configurations. */
class ServerStartupIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    private record Result(int exit, String output) {
    }

    private static Result start(Path config, String... properties) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.http.port=0", "-Dpaddock.server.config=" + config));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("server should refuse to start").isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    @Test
    void badConfigStopsTheServerNamingFileAndField(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("paddock.yaml"),
                "models:\n  - name: a\n    source: a.gguf\n    parallel: -3\n");
        Result r = start(config);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("paddock: cannot start").contains(config.toString())
                .contains("models[0].parallel: must be between 1 and 256 (got -3)")
                .doesNotContain("at dev.paddock");
    }

    @Test
    void negativeInteractiveSlotsStopTheServerNamingTheSetting(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("paddock.yaml"), "models:\n  - name: a\n    source: a.gguf\n");
        Result r = start(config, "paddock.server.interactive-slots=-2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("paddock: cannot start")
                .contains("paddock.server.interactive-slots:\n  must be 0 or more, got -2")
                .doesNotContain("at dev.paddock");
    }

    @Test
    void missingWeightsStopTheServerNamingTheFile(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("paddock.yaml"), "models:\n  - name: a\n    source: nope.gguf\n");
        Result r = start(config);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("models[0].source: no such file " + dir.resolve("nope.gguf"));
    }

    @Test
    void corruptWeightsStopTheServerNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("junk.gguf"), "definitely not a gguf model file at all");
        Path config = Files.writeString(dir.resolve("paddock.yaml"), "models:\n  - name: a\n    source: junk.gguf\n");
        Result r = start(config);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains(dir.resolve("junk.gguf").toString()).contains("not a GGUF file");
    }
}
