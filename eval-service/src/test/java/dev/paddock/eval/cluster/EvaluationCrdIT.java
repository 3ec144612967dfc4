package dev.paddock.eval.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Evaluation CRD generated at build time from the api classes (what a cluster gets). */
class EvaluationCrdIT {

    private static CustomResourceDefinition crd() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("target/kubernetes/evaluations.paddock.dev-v1.yml"))) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }

    @Test
    void isNamespacedWithAStatusSubresourceAndAShortName() throws IOException {
        CustomResourceDefinition crd = crd();

        assertThat(crd.getSpec().getGroup()).isEqualTo("paddock.dev");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("Evaluation");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("eval");
        CustomResourceDefinitionVersion v = crd.getSpec().getVersions().getFirst();
        assertThat(v.getName()).isEqualTo("v1alpha1");
        assertThat(v.getSubresources().getStatus()).isNotNull();
    }

    @Test
    void keepsAJsonSchemaOptionAsFreeFormAndListsTheScorerTypes() throws IOException {
        JSONSchemaProps scorer = crd().getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec").getProperties().get("scorers").getItems().getSchema();

        assertThat(scorer.getProperties().get("schema").getXKubernetesPreserveUnknownFields()).isTrue();
        assertThat(scorer.getProperties().get("type").getEnum()).hasSize(12);
    }

    @Test
    void describesEveryFieldAtEveryDepthForKubectlExplain() throws IOException {
        JSONSchemaProps root = crd().getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema();
        List<String> missing = new ArrayList<>();
        for (String top : List.of("spec", "status")) {
            undescribed(top, root.getProperties().get(top), true, missing);
        }

        assertThat(missing).isEmpty();
        assertThat(root.getProperties().get("spec").getProperties()).containsKeys("models", "dataset", "scorers", "threshold");
        assertThat(root.getProperties().get("status").getProperties()).containsKeys("scores", "conditions");
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
}
