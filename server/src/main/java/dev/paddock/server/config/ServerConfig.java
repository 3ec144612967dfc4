package dev.paddock.server.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the single-process server ({@code ./paddock serve}). */
@ConfigMapping(prefix = "paddock.server")
public interface ServerConfig {

    /** The paddock.yaml to serve; absent = the embedded default models. */
    Optional<Path> config();

    /**
     * One model to serve, a {@code ModelSpec} as JSON (or YAML), instead of {@link #config()}: how the
     * operator's worker Deployment hands its model to the worker role (environment variable
     * {@code PADDOCK_SERVER_MODEL}). It is checked as an entry of paddock.yaml is.
     */
    Optional<String> model();

    /** Folder holding the embedded default models (the repository's models/). */
    @WithDefault("models")
    Path modelsDir();

    /** Where models given by URL are downloaded. */
    @WithDefault("${user.home}/.paddock/models")
    Path modelCache();

    /**
     * Overrides every model's {@code maxQueued} when set (used to make queues small in tests): the length of each
     * class's waiting line, interactive and batch, not of both together.
     */
    Optional<Integer> maxQueued();

    /**
     * Slots of every generation model that batch requests may not take, kept for interactive ones (which may
     * use every slot); at most the model's {@code parallel - 1}. Absent = the engine's default: 1 for a model
     * with 2 or more slots, 0 with one slot.
     */
    Optional<Integer> interactiveSlots();

    /** Show a progress bar on the terminal while downloading. */
    @WithDefault("true")
    boolean progress();
}
