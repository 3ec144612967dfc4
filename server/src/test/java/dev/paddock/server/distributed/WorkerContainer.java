package dev.paddock.server.distributed;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.WorkerLaunch;
import dev.paddock.server.openai.ServerProcess;
import dev.paddock.testing.TestModels;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the packaged server the way the operator's worker Deployment runs it in its container: the same
 * command ({@link WorkerLaunch#COMMAND}, with the JDK and jar where this build has them instead of the
 * image's paths) and the same environment ({@link WorkerLaunch#env}, as the operator builds it), the node
 * cache being a folder holding the real GGUF file under the cache's file name. Two things differ, as a pod
 * has its own network namespace and name: the HTTP port is a free one, and the pod name is given.
 */
final class WorkerContainer {

    private WorkerContainer() {
    }

    /** Starts a worker for the model with its weights (a real GGUF file) in a fresh node-cache folder. */
    static ServerProcess start(Model model, Path weights, String bootstrapServers, String podName)
            throws IOException {
        Path cache = Files.createTempDirectory("paddock-node-cache-");
        Path cached = Files.createSymbolicLink(cache.resolve("weights-" + podName + ".gguf"), weights);
        return ServerProcess.launch(command(), environment(model, cached.toString(), bootstrapServers, podName));
    }

    /** The stories260K weights. */
    static Path stories() {
        return TestModels.stories260K();
    }

    /** The container's command with the image's JDK and jar mapped to this build's. */
    static List<String> command() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString();
        return Arrays.stream(WorkerLaunch.COMMAND.split(",")).map(a -> a.equals("java") ? java
                : a.equals("/deployments/quarkus-run.jar") ? jar : a).toList();
    }

    /** The container's environment, the pod name resolved as the kubelet would, on a free port. */
    static Map<String, String> environment(Model model, String weights, String bootstrapServers, String podName) {
        Map<String, String> env = new HashMap<>();
        for (EnvVar e : WorkerLaunch.env(model, weights, bootstrapServers)) {
            boolean podNameRef = e.getValueFrom() != null
                    && "metadata.name".equals(e.getValueFrom().getFieldRef().getFieldPath());
            env.put(e.getName(), podNameRef ? podName : e.getValue());
        }
        env.put(WorkerLaunch.HTTP_PORT, "0");
        return env;
    }
}
