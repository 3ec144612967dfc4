package dev.paddock.server.models;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.model.v1alpha1.ModelSpec;
import dev.paddock.worker.engine.Engine;

/** A configured model and where its loading stands. */
public final class ServedModel {

    /** Loading state. */
    public enum State {
        LOADING,
        READY,
        FAILED
    }

    private final ModelSpec spec;
    private final long created = System.currentTimeMillis() / 1000;
    private volatile State state = State.LOADING;
    private volatile Engine engine;
    private volatile String failure;

    ServedModel(ModelSpec spec) {
        this.spec = spec;
    }

    public ModelSpec spec() {
        return spec;
    }

    public State state() {
        return state;
    }

    /** The running engine; 503 while loading, 500 when loading failed. */
    public Engine engine() {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        if (state == State.FAILED) {
            throw new InferenceException(InferenceException.Kind.INTERNAL, null,
                    "model '" + spec.name + "' failed to load: " + failure);
        }
        throw new InferenceException(InferenceException.Kind.MODEL_LOADING, null,
                "model '" + spec.name + "' is still loading; retry shortly");
    }

    /** The engine if loaded, else null. */
    public Engine engineOrNull() {
        return engine;
    }

    public ModelInfo info() {
        Engine e = engine;
        return new ModelInfo(spec.name, spec.aliases, spec.task.name(), e == null ? spec.contextSize : e.contextSize(),
                e != null && e.isEmbedding() ? e.model().embeddingSize() : 0, state == State.READY, created,
                spec.sampling());
    }

    void ready(Engine loaded) {
        engine = loaded;
        state = State.READY;
    }

    void failed(String why) {
        failure = why;
        state = State.FAILED;
    }

    String failure() {
        return failure;
    }
}
