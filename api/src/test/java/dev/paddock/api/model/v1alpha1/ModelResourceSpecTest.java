package dev.paddock.api.model.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operator's check of a Model spec, the same rules as the CRD's schema and CEL rules. */
class ModelResourceSpecTest {

    private static ModelResourceSpec url(String source) {
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = source;
        return spec;
    }

    private static ModelResourceSpec pvc(String claimName, String path) {
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.pvc = new ModelResourceSpec.PvcSource();
        spec.pvc.claimName = claimName;
        spec.pvc.path = path;
        return spec;
    }

    @Test
    void acceptsEachKindOfSourceAndNoName() {
        assertThat(url("https://models.example.org/a.gguf").validateResource()).isEmpty();
        assertThat(url("http://10.0.0.5:8000/a.gguf").validateResource()).isEmpty();
        assertThat(pvc("store", "/models/a..b.gguf").validateResource()).isEmpty();
        ModelResourceSpec hf = new ModelResourceSpec();
        hf.huggingFace = new ModelResourceSpec.HuggingFaceSource();
        hf.huggingFace.repo = "owner/repo-GGUF";
        hf.huggingFace.file = "a.gguf";
        assertThat(hf.validateResource()).isEmpty();
    }

    @Test
    void refusesFileUrlsPathsAndOtherSchemes() {
        for (String source : new String[] {"file:///etc/passwd", "/models/a.gguf", "models/a.gguf", "ftp://h/a.gguf",
            "https://", "https:///a.gguf"}) {
            assertThat(url(source).validateResource()).as(source).singleElement().asString()
                    .startsWith("spec.source: source must be an https URL").endsWith("(got '" + source + "')");
        }
    }

    @Test
    void refusesNoSourceOrTwo() {
        assertThat(new ModelResourceSpec().validateResource()).containsExactly(
                "spec: set exactly one of source (an https URL), huggingFace or pvc (got 0)");
        ModelResourceSpec two = pvc("store", "a.gguf");
        two.source = "https://models.example.org/a.gguf";
        assertThat(two.validateResource()).singleElement().asString().endsWith("(got 2)");
    }

    @Test
    void namesTheMissingFieldsOfHuggingFaceAndPvc() {
        ModelResourceSpec hf = new ModelResourceSpec();
        hf.huggingFace = new ModelResourceSpec.HuggingFaceSource();
        hf.huggingFace.repo = "no-owner";
        assertThat(hf.validateResource()).containsExactly("spec.huggingFace.repo: required, owner/name",
                "spec.huggingFace.file: required, the GGUF file's path in the repository");
        assertThat(pvc(null, null).validateResource()).containsExactly(
                "spec.pvc.claimName: required, a PersistentVolumeClaim in the Model's namespace",
                "spec.pvc.path: required, the GGUF file's path inside the volume");
        assertThat(pvc("", "").validateResource()).hasSize(2);
        for (String path : new String[] {"..", "../etc/passwd", "models/../../etc/passwd", "models/.."}) {
            assertThat(pvc("store", path).validateResource()).as(path)
                    .containsExactly("spec.pvc.path: must stay inside the volume (no '..' segment)");
        }
    }

    @Test
    void checksNameChecksumAndReplicas() {
        ModelResourceSpec spec = url("https://models.example.org/a.gguf");
        spec.name = "Bad Name";
        spec.sha256 = "abc";
        spec.minReplicas = 3;
        spec.maxReplicas = 2;
        spec.idleTimeout = "10 minutes";
        assertThat(spec.validateResource()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
                "spec.name", "spec.sha256", "spec.minReplicas", "spec.idleTimeout");
        spec = url("https://models.example.org/a.gguf");
        spec.maxReplicas = 4;
        spec.replicas = 5;
        assertThat(spec.validateResource()).singleElement().asString().startsWith("spec.replicas:");
    }
}
