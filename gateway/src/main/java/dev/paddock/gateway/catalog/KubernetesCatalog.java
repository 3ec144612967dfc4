package dev.paddock.gateway.catalog;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The catalog in a cluster: the {@link Model} resources, followed with an informer. {@code GET /v1/models}
 * lists exactly the Models whose Ready condition is True; a request for one scaled to zero is queued and
 * waits for a worker; one that cannot take requests now is refused with 503. What only a loaded model knows
 * (context size, embedding size, load time) comes from the workers' announcements when a worker has made
 * one, else from the spec.
 */
final class KubernetesCatalog implements ModelCatalog {

    private static final Logger LOG = Logger.getLogger(KubernetesCatalog.class);
    // among Models of one served name (in several namespaces), the oldest wins
    private static final Comparator<Model> OLDEST_FIRST = Comparator
            .comparing((Model m) -> Optional.ofNullable(m.getMetadata().getCreationTimestamp()).orElse(""))
            .thenComparing(m -> m.getMetadata().getNamespace() + "/" + m.getMetadata().getName());

    private final KubernetesClient client;
    private final String namespace;
    private final ModelCatalog workers;
    private final Duration wakeTimeout;
    private SharedIndexInformer<Model> informer;

    /**
     * @param namespace the namespace whose Models are served; null for every namespace
     * @param workers the workers' announcements
     * @param wakeTimeout how long a request for a model scaled to zero waits for a worker
     */
    KubernetesCatalog(KubernetesClient client, String namespace, ModelCatalog workers, Duration wakeTimeout) {
        this.client = client;
        this.namespace = namespace;
        this.workers = workers;
        this.wakeTimeout = wakeTimeout;
    }

    @Override
    public void start() {
        workers.start();
        var models = client.resources(Model.class);
        informer = (namespace == null ? models.inAnyNamespace() : models.inNamespace(namespace)).runnableInformer(0);
        informer.start().whenComplete((ok, e) -> {
            if (e != null) {
                LOG.errorf("cannot list Model resources (%s): %s", where(), e.getMessage());
            } else {
                LOG.infof("catalog follows the Model resources of %s", where());
            }
        });
    }

    @Override
    public List<ModelInfo> models() {
        Map<String, ModelInfo> byName = new LinkedHashMap<>();
        resources().filter(m -> ModelState.of(m).listed()).forEach(m -> byName.putIfAbsent(m.servedName(), info(m)));
        return List.copyOf(byName.values());
    }

    @Override
    public Admission admit(String name) {
        if (name == null || name.isBlank()) {
            throw InferenceException.invalid("model", "'model' is required");
        }
        Model model = find(name).orElseThrow(() -> new InferenceException(InferenceException.Kind.MODEL_NOT_FOUND,
                "model", "The model '" + name + "' does not exist"));
        ModelState state = ModelState.of(model);
        ModelInfo info = info(model);
        if (state.admission() == ModelState.Kind.SERVE || workers.serving(info.name())) {
            return Admission.now(info);
        }
        if (state.admission() == ModelState.Kind.WAKE) {
            return new Admission(info, wakeTimeout);
        }
        throw new InferenceException(InferenceException.Kind.MODEL_LOADING, null,
                "model '" + info.name() + "' cannot take requests yet (" + state.reason() + "); retry shortly");
    }

    @Override
    public boolean serving(String model) {
        return workers.serving(model)
                || find(model).map(m -> ModelState.of(m).admission() == ModelState.Kind.SERVE).orElse(false);
    }

    @Override
    public void close() throws InterruptedException {
        if (informer != null) {
            informer.close();
        }
        workers.close();
    }

    private Stream<Model> resources() {
        return informer == null ? Stream.empty() : informer.getStore().list().stream().sorted(OLDEST_FIRST);
    }

    private Optional<Model> find(String name) {
        return resources().filter(m -> m.servedName().equals(name) || aliases(m).contains(name)).findFirst();
    }

    private ModelInfo info(Model model) {
        ModelSpec spec = model.getSpec();
        String name = model.servedName();
        boolean listed = ModelState.of(model).listed();
        return workers.models().stream().filter(w -> w.name().equals(name)).findFirst()
                .map(w -> new ModelInfo(name, aliases(model), w.task(), w.contextSize(), w.embeddingSize(), listed,
                        w.created(), w.sampling()))
                .orElseGet(() -> new ModelInfo(name, aliases(model), spec.task.name(), spec.contextSize, 0, listed,
                        created(model), spec.sampling()));
    }

    private static List<String> aliases(Model model) {
        return model.getSpec() == null || model.getSpec().aliases == null ? List.of() : model.getSpec().aliases;
    }

    private static long created(Model model) {
        String t = model.getMetadata().getCreationTimestamp();
        return t == null ? 0 : Instant.parse(t).getEpochSecond();
    }

    private String where() {
        return namespace == null ? "every namespace" : "namespace " + namespace;
    }
}
