package dev.paddock.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRD the build generates from the Model class (target/kubernetes), as kubectl would install it. An IT: the file
 * is written by the package phase (quarkus:build); a unit test would read whatever an earlier build left there.
 */
class GeneratedCrdIT {

    private static CustomResourceDefinitionVersion version;

    @BeforeAll
    static void load() throws IOException {
        Path file = Path.of("target/kubernetes/models.paddock.dev-v1.yml");
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
            assertThat(crd.getSpec().getGroup()).isEqualTo("paddock.dev");
            assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
            assertThat(crd.getSpec().getNames().getKind()).isEqualTo("Model");
            version = crd.getSpec().getVersions().getFirst();
        }
        assertThat(version.getName()).isEqualTo("v1alpha1");
    }

    @Test
    void everyFieldAtEveryDepthHasADescription() {
        List<String> missing = new ArrayList<>();
        JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
        for (String top : List.of("spec", "status")) {
            undescribed(top, root.getProperties().get(top), true, missing);
        }
        assertThat(missing).isEmpty();
        assertThat(spec("gpu").getProperties().get("count").getDescription()).contains("nvidia.com/gpu");
        assertThat(spec("huggingFace").getProperties().get("tokenSecret").getDescription()).contains("token");
        // Kubernetes' own types embedded in the spec are described too (kubernetes-fields.properties)
        JSONSchemaProps term = spec("affinity").getProperties().get("podAntiAffinity").getProperties()
                .get("requiredDuringSchedulingIgnoredDuringExecution").getItems().getSchema();
        assertThat(term.getProperties().get("topologyKey").getDescription()).contains("kubernetes.io/hostname");
        assertThat(spec("tolerations").getItems().getSchema().getProperties().get("effect").getDescription())
                .contains("NoExecute");
    }

    /** Adds the path of each property at or under {@code schema} without a description (list items and map values are not properties). */
    private static void undescribed(String path, JSONSchemaProps schema, boolean property, List<String> missing) {
        if (property && (schema.getDescription() == null || schema.getDescription().isBlank())) {
            missing.add(path);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, p) -> undescribed(path + "." + name, p, true, missing));
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            undescribed(path + "[]", schema.getItems().getSchema(), false, missing);
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            undescribed(path + "{}", schema.getAdditionalProperties().getSchema(), false, missing);
        }
    }

    @Test
    void validationIsInTheSchema() {
        assertThat(spec("name").getPattern()).isEqualTo("^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$");
        assertThat(spec("sha256").getPattern()).isEqualTo("^[0-9a-fA-F]{64}$");
        assertThat(spec("task").getEnum()).extracting(Object::toString).containsExactlyInAnyOrder("\"generate\"",
                "\"embed\"");
        assertThat(spec("parallel").getMinimum()).isEqualTo(1.0);
        assertThat(spec("parallel").getMaximum()).isEqualTo(256.0);
        assertThat(spec("minReplicas").getMinimum()).isEqualTo(0.0);
        assertThat(spec("maxReplicas").getMinimum()).isEqualTo(1.0);
        assertThat(spec("idleTimeout").getPattern()).isEqualTo("^[0-9]+(s|m|h)$");
        assertThat(spec("gpu").getProperties().get("count").getMaximum()).isEqualTo(16.0);
    }

    @Test
    void celRulesCoverCrossFieldChecksAndTheImmutableName() {
        List<ValidationRule> rules = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getXKubernetesValidations();
        assertThat(rules).extracting(ValidationRule::getRule).contains("self.minReplicas <= self.maxReplicas",
                "!has(oldSelf.name) || (has(self.name) && self.name == oldSelf.name)");
        assertThat(rules).extracting(ValidationRule::getMessage).contains(
                "set exactly one of source (an https URL), huggingFace or pvc", "name is immutable",
                "replicas must be between minReplicas and maxReplicas");
    }

    @Test
    void theSourcesNeedTheirFieldsAndASourceURLMustBeHttps() {
        JSONSchemaProps hf = spec("huggingFace");
        assertThat(hf.getRequired()).containsExactlyInAnyOrder("repo", "file");
        assertThat(hf.getProperties().get("file").getMinLength()).isEqualTo(1L);
        JSONSchemaProps pvc = spec("pvc");
        assertThat(pvc.getRequired()).containsExactlyInAnyOrder("claimName", "path");
        assertThat(pvc.getProperties().get("claimName").getMinLength()).isEqualTo(1L);
        assertThat(pvc.getProperties().get("path").getMinLength()).isEqualTo(1L);
        assertThat(pvc.getXKubernetesValidations()).extracting(ValidationRule::getRule)
                .containsExactly("!has(self.path) || !self.path.matches('(^|.*/)[.][.](/.*|$)')");
        List<ValidationRule> rules = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getXKubernetesValidations();
        assertThat(rules).extracting(ValidationRule::getRule).contains(
                "(has(self.source) ? 1 : 0) + (has(self.huggingFace) ? 1 : 0) + (has(self.pvc) ? 1 : 0) == 1",
                "!has(self.source) || self.source.startsWith('https://') || self.source.startsWith('http://')");
        assertThat(rules).extracting(ValidationRule::getMessage)
                .anyMatch(m -> m.startsWith("source must be an https URL") && m.contains("file://"));
        assertThat(version.getSchema().getOpenAPIV3Schema().getRequired()).containsExactly("spec");
        // the name may be left out: the Model is then served under metadata.name
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired())
                .doesNotContain("name");
    }

    @Test
    void printerColumnsAndScaleSubresource() {
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName() + "=" + c.getJsonPath())
                .containsExactlyInAnyOrder("Ready=.status.conditions[?(@.type==\"Ready\")].status",
                        "Cached=.status.conditions[?(@.type==\"Cached\")].status", "Replicas=.status.replicas",
                        "Age=.metadata.creationTimestamp");
        var scale = version.getSubresources().getScale();
        assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.replicas");
        assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
        assertThat(version.getSubresources().getStatus()).isNotNull();
    }

    private static JSONSchemaProps spec(String field) {
        return version.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties().get(field);
    }
}
