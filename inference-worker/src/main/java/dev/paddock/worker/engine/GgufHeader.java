package dev.paddock.worker.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a file's GGUF header before llama.cpp sees it, so a wrong path, a non-GGUF file or an
 * obviously truncated download gets a precise message instead of a native failure.
 */
final class GgufHeader {

    private static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final int HEADER_BYTES = 24; // magic, version, tensor count, metadata count

    private GgufHeader() {
    }

    static void check(Path file) {
        if (!Files.exists(file)) {
            throw new ModelLoadException(file, "no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelLoadException(file, "not a readable file");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file)) {
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // read until full or end of file
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, e.toString());
        }
        if (header.position() < HEADER_BYTES) {
            throw new ModelLoadException(file, "not a GGUF file (only " + header.position() + " bytes)");
        }
        header.flip();
        if (header.getInt() != MAGIC) {
            throw new ModelLoadException(file, "not a GGUF file (bad magic)");
        }
        int version = header.getInt();
        if (version < 2 || version > 3) {
            throw new ModelLoadException(file, "unsupported GGUF version " + version);
        }
    }
}
