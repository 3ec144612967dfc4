package dev.paddock.server.models;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.model.v1alpha1.ModelSpec;
import dev.paddock.pull.ModelDownloader;
import dev.paddock.server.config.ConfigurationProblem;
import dev.paddock.server.config.DefaultModels;
import dev.paddock.server.config.ModelCatalogFile;
import dev.paddock.server.config.ServerConfig;
import dev.paddock.server.distributed.DistributedConfig;
import dev.paddock.worker.engine.Engine;
import dev.paddock.worker.engine.ModelOptions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * The models this process serves. At startup the catalog (paddock.yaml or the embedded defaults) is
 * read and checked completely; a bad catalog stops the server with a message naming the file and
 * field. Weights are then downloaded if needed and loaded on a background thread, so the HTTP API is
 * up at once and answers 503 for a model still loading; a model that fails to load stops the server.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    private static final String MODEL_ORIGIN = "paddock.server.model (env PADDOCK_SERVER_MODEL)";

    @Inject
    ServerConfig config;

    @Inject
    DistributedConfig distributed;

    @Inject
    MeterRegistry meters;

    private final Map<String, ServedModel> byName = new ConcurrentHashMap<>();
    private final List<ServedModel> models = new CopyOnWriteArrayList<>();
    private final List<Runnable> readyListeners = new CopyOnWriteArrayList<>();

    void onStart(@Observes StartupEvent event) {
        if (distributed.role() == DistributedConfig.Role.gateway) {
            return; // the workers serve the models; the gateway's catalog is what they announce
        }
        checkInteractiveSlots();
        List<ModelSpec> specs = specs();
        checkLocalSources(specs, origin(), config.model().isPresent());
        for (ModelSpec spec : specs) {
            ServedModel m = new ServedModel(spec);
            models.add(m);
            spec.names().forEach(n -> byName.put(n, m));
        }
        Thread.ofPlatform().name("paddock-model-loader").start(this::loadAll);
    }

    void onStop(@Observes ShutdownEvent event) {
        for (ServedModel m : models) {
            Engine e = m.engineOrNull();
            if (e != null) {
                e.close();
            }
        }
    }

    private List<ModelSpec> specs() {
        if (config.model().isPresent()) {
            return List.of(ModelCatalogFile.readModel(MODEL_ORIGIN, config.model().get()));
        }
        return config.config().map(ModelCatalogFile::load).orElseGet(() -> DefaultModels.in(config.modelsDir()));
    }

    private String origin() {
        return config.model().isPresent() ? MODEL_ORIGIN
                : config.config().map(Path::toString).orElse("embedded defaults");
    }

    /** The model a name or alias refers to; 404 when none. */
    public ServedModel resolve(String name) {
        if (name == null || name.isBlank()) {
            throw InferenceException.invalid("model", "'model' is required");
        }
        ServedModel m = byName.get(name);
        if (m == null) {
            throw new InferenceException(InferenceException.Kind.MODEL_NOT_FOUND, "model",
                    "The model '" + name + "' does not exist");
        }
        return m;
    }

    public List<ServedModel> all() {
        return List.copyOf(models);
    }

    /** Whether every model is loaded. */
    public boolean allReady() {
        return !models.isEmpty() && models.stream().allMatch(m -> m.state() == ServedModel.State.READY);
    }

    /** Runs an action each time a model becomes ready (e.g. to register its metrics). */
    public void onModelReady(Runnable listener) {
        readyListeners.add(listener);
    }

    private void loadAll() {
        for (ServedModel m : models) {
            try {
                long t0 = System.nanoTime();
                m.ready(Engine.load(m.spec().name, weights(m.spec()), options(m.spec())));
                LOG.infof("model %s ready in %d ms", m.spec().name, (System.nanoTime() - t0) / 1_000_000);
                readyListeners.forEach(Runnable::run);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException | LinkageError e) {
                // a model that cannot load must not leave the server answering 503 forever
                m.failed(e.getMessage());
                LOG.errorf("model %s failed to load: %s", m.spec().name, e.getMessage());
                Quarkus.asyncExit(2);
                return;
            }
        }
    }

    private Path weights(ModelSpec spec) throws IOException, InterruptedException {
        if (!spec.sourceIsUrl()) {
            return Path.of(spec.source);
        }
        LOG.infof("downloading %s from %s", spec.name, spec.source);
        ModelDownloader downloader = new ModelDownloader(config.modelCache(),
                config.progress() && System.console() != null ? System.out : null);
        return downloader.fetch(URI.create(spec.source), spec.sha256, pulledBytes(spec.name));
    }

    /** Counts the bytes a download receives in {@code paddock_model_pull_bytes_total} (resumed bytes are not). */
    private ModelDownloader.Consumer pulledBytes(String model) {
        Counter pulled = Counter.builder("paddock.model.pull.bytes").tag("model", model)
                .description("Bytes of model weights downloaded").register(meters);
        return new ModelDownloader.Consumer() {
            @Override
            public void bytes(long done, long total) {
            }

            @Override
            public void received(long bytes) {
                pulled.increment(bytes);
            }
        };
    }

    private ModelOptions options(ModelSpec s) {
        return new ModelOptions(s.contextSize, s.parallel, s.threads, s.batchSize, s.gpuLayers,
                s.task == ModelSpec.Task.embed, config.maxQueued().orElse(s.maxQueued), s.chatTemplate,
                config.interactiveSlots().map(n -> Math.min(n, s.parallel - 1)).orElse(ModelOptions.AUTOMATIC));
    }

    private void checkInteractiveSlots() {
        if (config.interactiveSlots().orElse(0) < 0) {
            throw ConfigurationProblem.of("paddock.server.interactive-slots", List.of("must be 0 or more, got "
                    + config.interactiveSlots().get()));
        }
    }

    private static void checkLocalSources(List<ModelSpec> specs, String origin, boolean single) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ModelSpec spec = specs.get(i);
            if (!spec.sourceIsUrl() && !Files.isRegularFile(Path.of(spec.source))) {
                problems.add((single ? "model" : "models[" + i + "]") + ".source: no such file " + spec.source);
            }
        }
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.of(origin, problems);
        }
    }
}
