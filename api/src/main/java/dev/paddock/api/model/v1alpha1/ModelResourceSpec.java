package dev.paddock.api.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.paddock.api.model.FieldDescriptions;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec of a {@link Model}: the same {@link ModelSpec} as an entry of {@code paddock.yaml}, plus
 * where and how many times it runs in a cluster. {@code paddock.yaml} is read as plain
 * {@link ModelSpec}, so these cluster fields there are rejected as unknown fields with file and path.
 *
 * <p>The CEL rules and required fields below are what the API server checks; {@link #validateResource()} checks
 * the same in the operator, for objects the API server did not check (created before the CRD had a rule).
 * {@code name} stays optional: a Model without it is served under its {@code metadata.name}
 * ({@link Model#servedName()}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.minReplicas <= self.maxReplicas", message = "minReplicas must not exceed maxReplicas")
@ValidationRule(value = "!has(self.replicas) || (self.replicas >= self.minReplicas && self.replicas <= self.maxReplicas)",
        message = "replicas must be between minReplicas and maxReplicas")
@ValidationRule(value = "(has(self.source) ? 1 : 0) + (has(self.huggingFace) ? 1 : 0) + (has(self.pvc) ? 1 : 0) == 1",
        message = "set exactly one of source (an https URL), huggingFace or pvc")
@ValidationRule(value = "!has(self.source) || self.source.startsWith('https://') || self.source.startsWith('http://')",
        message = ModelResourceSpec.SOURCE_MESSAGE)
@ValidationRule(value = "!has(oldSelf.name) || (has(self.name) && self.name == oldSelf.name)",
        message = "name is immutable")
@SchemaCustomizer(value = FieldDescriptions.class, input = "dev.paddock.api.model.v1alpha1.ModelResourceSpec")
public class ModelResourceSpec extends ModelSpec {

    /** Why a source was refused: the CEL rule's message and the operator's. */
    public static final String SOURCE_MESSAGE = "source must be an https URL (plain http only where the operator"
            + " allows private addresses); file paths and file:// URLs are not allowed in a Model";

    private static final String HF_REPO = "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$";
    private static final String PARENT_SEGMENT = "(^|.*/)[.][.](/.*|$)";

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
        @Required
        @Pattern(HF_REPO)
        public String repo;

        /** Path of the GGUF file in the repository. */
        @JsonPropertyDescription("Path of the GGUF file in the repository.")
        @Required
        @Size(min = 1)
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
    @ValidationRule(value = "!has(self.path) || !self.path.matches('" + PARENT_SEGMENT + "')",
            message = "pvc.path must stay inside the volume (no '..' segment)")
    public static class PvcSource {
        /** Claim in the Model's namespace. */
        @JsonPropertyDescription("Claim in the Model's namespace.")
        @Required
        @Size(min = 1)
        public String claimName;

        /** Path of the GGUF file inside the volume. */
        @JsonPropertyDescription("Path of the GGUF file inside the volume.")
        @Required
        @Size(min = 1)
        public String path;
    }

    /**
     * Checks what the CRD's schema and CEL rules check, for a spec the API server did not check.
     *
     * @return one message per problem, each starting with the field's path under {@code spec}; empty when valid
     */
    public List<String> validateResource() {
        List<String> problems = new ArrayList<>();
        if (name != null && !name.matches(NAME)) {
            problems.add(nameProblem("spec", name));
        }
        validateSha256(problems, "spec");
        int sources = (source != null ? 1 : 0) + (huggingFace != null ? 1 : 0) + (pvc != null ? 1 : 0);
        if (sources != 1) {
            problems.add("spec: set exactly one of source (an https URL), huggingFace or pvc (got " + sources + ")");
        }
        if (source != null && !httpUrl()) {
            problems.add("spec.source: " + SOURCE_MESSAGE + " (got '" + source + "')");
        }
        if (huggingFace != null) {
            if (huggingFace.repo == null || !huggingFace.repo.matches(HF_REPO)) {
                problems.add("spec.huggingFace.repo: required, owner/name");
            }
            if (huggingFace.file == null || huggingFace.file.isEmpty()) {
                problems.add("spec.huggingFace.file: required, the GGUF file's path in the repository");
            }
        }
        if (pvc != null) {
            if (pvc.claimName == null || pvc.claimName.isEmpty()) {
                problems.add("spec.pvc.claimName: required, a PersistentVolumeClaim in the Model's namespace");
            }
            if (pvc.path == null || pvc.path.isEmpty()) {
                problems.add("spec.pvc.path: required, the GGUF file's path inside the volume");
            } else if (pvc.path.matches(PARENT_SEGMENT)) {
                problems.add("spec.pvc.path: must stay inside the volume (no '..' segment)");
            }
        }
        if (minReplicas < 0 || maxReplicas < 1 || minReplicas > maxReplicas) {
            problems.add("spec.minReplicas: must be 0 or more and not exceed maxReplicas (got " + minReplicas + " and "
                    + maxReplicas + ")");
        }
        if (replicas != null && (replicas < minReplicas || replicas > maxReplicas)) {
            problems.add("spec.replicas: must be between minReplicas and maxReplicas (got " + replicas + ")");
        }
        if (idleTimeout != null && !idleTimeout.matches("^[0-9]+(s|m|h)$")) {
            problems.add("spec.idleTimeout: must be a number and s, m or h (got '" + idleTimeout + "')");
        }
        return problems;
    }

    private boolean httpUrl() {
        if (!sourceIsUrl()) {
            return false;
        }
        try {
            return URI.create(source).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
