package dev.paddock.api.model.v1alpha1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;

/**
 * How a {@link Model}'s worker is started: the contract between the operator, which writes it into the
 * worker Deployment, and the Paddock server in the worker role, which reads it. The container runs the
 * server jar ({@link #COMMAND}) configured only by environment variables, each the environment form of
 * a server setting: the role, the Kafka bootstrap, the worker id (the pod's name), the HTTP bind, and
 * the model itself as one JSON {@link ModelSpec} whose {@code source} is the weights file in the node
 * cache. The server validates that spec as it validates an entry of {@code paddock.yaml}.
 */
public final class WorkerLaunch {

    /** Command of the worker container: the server jar as the container image lays it out. */
    public static final String COMMAND = "java,--enable-native-access=ALL-UNNAMED,-XX:+ExitOnOutOfMemoryError,"
            + "-jar,/deployments/quarkus-run.jar";
    /** The role setting ({@code paddock.distributed.role}). */
    public static final String ROLE = "PADDOCK_DISTRIBUTED_ROLE";
    /** The Kafka bootstrap servers ({@code kafka.bootstrap.servers}). */
    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    /** The worker's id on reply streams and in announcements ({@code paddock.distributed.worker-id}). */
    public static final String WORKER_ID = "PADDOCK_DISTRIBUTED_WORKER_ID";
    /** The model to serve, one ModelSpec as JSON ({@code paddock.server.model}). */
    public static final String MODEL = "PADDOCK_SERVER_MODEL";
    /** The HTTP bind address ({@code quarkus.http.host}): every interface, for the kubelet's probes. */
    public static final String HTTP_HOST = "QUARKUS_HTTP_HOST";
    /** The HTTP port ({@code quarkus.http.port}). */
    public static final String HTTP_PORT = "QUARKUS_HTTP_PORT";
    /** The port the worker's HTTP server (health, metrics) listens on in the container. */
    public static final int PORT = 8080;

    // copies the ModelSpec part of the resource's spec, leaving the cluster fields behind
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WorkerLaunch() {
    }

    /**
     * The worker container's environment.
     *
     * @param weights the weights file as the container sees it
     * @param bootstrapServers Kafka bootstrap servers
     */
    public static List<EnvVar> env(Model model, String weights, String bootstrapServers) {
        return List.of(value(ROLE, "worker"), value(BOOTSTRAP, bootstrapServers),
                new EnvVarBuilder().withName(WORKER_ID).withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.name").endFieldRef().endValueFrom().build(),
                value(HTTP_HOST, "0.0.0.0"), value(HTTP_PORT, Integer.toString(PORT)),
                value(MODEL, specJson(model, weights)));
    }

    /** The model as the worker serves it: the ModelSpec part of the resource, named and pointing at the weights. */
    public static ModelSpec servedSpec(Model model, String weights) {
        ModelSpec plain = JSON.convertValue(model.getSpec(), ModelSpec.class);
        plain.name = model.servedName();
        plain.source = weights;
        plain.sha256 = null; // verified by the pull Job before the file was renamed into the cache
        return plain;
    }

    private static String specJson(Model model, String weights) {
        try {
            return JSON.writeValueAsString(servedSpec(model, weights));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec of model " + model.servedName(), e);
        }
    }

    private static EnvVar value(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
