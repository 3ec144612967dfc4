package dev.paddock.worker.llama;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.StructLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles a C probe against the llama.h of the shipped llama.cpp release and checks that every
 * struct size and field offset the C compiler reports equals the Java layout's.
 */
class LlamaLayoutTest {

    @Test
    void javaLayoutsMatchTheCHeader(@TempDir Path tmp) throws Exception {
        Map<String, Long> c = probe(tmp);
        assertThat(c).isNotEmpty();
        for (StructLayout layout : LlamaLayouts.ALL) {
            String struct = layout.name().orElseThrow();
            assertThat(layout.byteSize()).as("sizeof(%s)", struct).isEqualTo(c.get(struct));
            c.forEach((key, offset) -> {
                if (key.startsWith(struct + ".")) {
                    String field = key.substring(struct.length() + 1);
                    assertThat(layout.byteOffset(groupElement(field))).as("offsetof(%s, %s)", struct, field)
                            .isEqualTo(offset);
                }
            });
        }
    }

    private static Map<String, Long> probe(Path tmp) throws IOException, InterruptedException {
        Path src = Path.of("src/test/native").toAbsolutePath();
        Path exe = tmp.resolve("probe");
        assumeTrue(run(tmp, "cc", "--version") == 0, "no C compiler on this machine");
        assertThat(run(tmp, "cc", "-I", src.resolve("include").toString(), src.resolve("layout_probe.c").toString(),
                "-o", exe.toString())).isZero();
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] kv = line.split("=");
            out.put(kv[0], Long.parseLong(kv[1].strip()));
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
