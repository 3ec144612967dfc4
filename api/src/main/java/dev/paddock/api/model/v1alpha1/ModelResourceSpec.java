package dev.paddock.api.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec of a {@link Model}: the same {@link ModelSpec} as an entry of {@code paddock.yaml}, plus
 * where and how many times it runs in a cluster. {@code paddock.yaml} is read as plain
 * {@link ModelSpec}, so these cluster fields there are rejected as unknown fields with file and path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas")
@ValidationRule(value = "!has(self.replicas) || (self.replicas >= self.minReplicas && self.replicas <= self.maxReplicas)",
        message = "replicas must be between minReplicas and maxReplicas")
@ValidationRule(value = "(has(self.source) ? 1 : 0) + (has(self.huggingFace) ? 1 : 0) + (has(self.pvc) ? 1 : 0) == 1",
        message = "set exactly one of source (an https URL), huggingFace or pvc")
@ValidationRule(value = "!has(oldSelf.name) || (has(self.name) && self.name == oldSelf.name)",
        message = "name is immutable")
public class ModelResourceSpec extends ModelSpec {

    /** Fewest worker replicas; 0 lets the model scale to zero after {@link #idleTimeout}. */
    @JsonPropertyDescription("Fewest worker replicas; 0 lets the model scale to zero after idleTimeout.")
    @Default("1")
    @Min(0)
    @Max(1000)
    public int minReplicas = 1;

    /** Most worker replicas; the model's Kafka topic gets at least this many partitions. */
    @JsonPropertyDescription("Most worker replicas; the model's Kafka topic gets at least this many partitions.")
    @Default("1")
    @Min(1)
    @Max(1000)
    public int maxReplicas = 1;

    /** A fixed replica count (set by {@code kubectl scale}); when absent the operator scales on queue depth. */
    @JsonPropertyDescription("A fixed replica count (what kubectl scale sets); when absent the operator scales between"
            + " minReplicas and maxReplicas on queue depth.")
    @SpecReplicas
    public Integer replicas;

    /** How long without queued requests before scaling to zero (with minReplicas 0), e.g. 10m. */
    @JsonPropertyDescription("How long without queued requests before scaling to zero (when minReplicas is 0), e.g. 90s,"
            + " 10m, 1h.")
    @Pattern("^[0-9]+(s|m|h)$")
    public String idleTimeout = "10m";

    /** GPUs per worker. */
    @JsonPropertyDescription("GPUs per worker; 0 runs on CPU nodes.")
    public Gpu gpu = new Gpu();

    /** Weights from a Hugging Face repository (instead of source). */
    @JsonPropertyDescription("Weights from a Hugging Face repository, instead of source.")
    public HuggingFaceSource huggingFace;

    /** Weights from a file on a PersistentVolumeClaim (instead of source). */
    @JsonPropertyDescription("Weights from a file on a PersistentVolumeClaim, instead of source.")
    public PvcSource pvc;

    /** Labels a node must have to hold and serve this model. */
    @JsonPropertyDescription("Labels a node must have to hold and serve this model.")
    public Map<String, String> nodeSelector = new LinkedHashMap<>();

    /** Taints the pull Jobs and workers tolerate. */
    @JsonPropertyDescription("Taints the pull Jobs and workers tolerate; a node with a NoSchedule or NoExecute taint"
            + " not tolerated here is not chosen.")
    public List<Toleration> tolerations = new ArrayList<>();

    /** Affinity for the workers; its required node affinity also limits which nodes hold the weights. */
    @JsonPropertyDescription("Affinity for the workers; its required node affinity also limits which nodes hold the"
            + " weights.")
    public Affinity affinity;

    /** Resources of each worker container (GPU requests are added from gpu). */
    @JsonPropertyDescription("CPU and memory of each worker container; the GPU request is added from gpu.count.")
    public ResourceRequirements resources;

    /** Space the weights take in a node's cache, reserved when choosing nodes (e.g. 5Gi). */
    @JsonPropertyDescription("Space the weights take in a node's cache, reserved when choosing nodes (e.g. 5Gi);"
            + " absent = the size found after the first pull.")
    public Quantity cacheSize;

    /** GPUs for each worker. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Gpu {
        /** GPUs per worker (nvidia.com/gpu); 0 = CPU only. */
        @JsonPropertyDescription("GPUs per worker (nvidia.com/gpu); 0 = CPU only.")
        @Min(0)
        @Max(16)
        public int count;

        /** GPU model a node must carry in its GPU product label (e.g. NVIDIA-H100-80GB-HBM3). */
        @JsonPropertyDescription("GPU model a node must carry in its GPU product label (e.g. NVIDIA-H100-80GB-HBM3).")
        public String type;
    }

    /** A file in a Hugging Face repository. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class HuggingFaceSource {
        /** Repository, owner/name. */
        @JsonPropertyDescription("Repository, owner/name.")
        @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")
        public String repo;

        /** Path of the GGUF file in the repository. */
        @JsonPropertyDescription("Path of the GGUF file in the repository.")
        public String file;

        /** Branch, tag or commit; main when absent. */
        @JsonPropertyDescription("Branch, tag or commit; main when absent.")
        public String revision;

        /** Secret in the Model's namespace whose key {@code token} holds the access token. */
        @JsonPropertyDescription("Secret in the Model's namespace whose key 'token' holds the access token (gated or"
                + " private repositories).")
        public String tokenSecret;
    }

    /** A file on a PersistentVolumeClaim. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class PvcSource {
        /** Claim in the Model's namespace. */
        @JsonPropertyDescription("Claim in the Model's namespace.")
        public String claimName;

        /** Path of the GGUF file inside the volume. */
        @JsonPropertyDescription("Path of the GGUF file inside the volume.")
        public String path;
    }
}
