package dev.paddock.worker.engine;

import java.nio.file.Path;

/** A model file that cannot be loaded; the message names the file and the reason. */
public class ModelLoadException extends RuntimeException {

    private final Path file;

    public ModelLoadException(Path file, String reason) {
        super("cannot load model " + file + ": " + reason);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
