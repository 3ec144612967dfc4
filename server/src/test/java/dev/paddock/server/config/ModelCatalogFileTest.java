package dev.paddock.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.api.model.v1alpha1.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("paddock.yaml"), yaml);
    }

    @Test
    void readsModelsAndResolvesRelativeSources() throws Exception {
        Path file = write("""
                models:
                  - name: stories
                    aliases: [default]
                    source: weights/stories.gguf
                    contextSize: 256
                    parallel: 2
                    defaults: {temperature: 0.5, maxTokens: 64}
                    limits: {maxPromptTokens: 100}
                  - name: minilm
                    task: embed
                    source: https://example.invalid/minilm.gguf
                    sha256: 81ec146e6dfaac16d867c4bb28b1a155e261888bc8125ec5ff7c55b7595edef8
                """);
        List<ModelSpec> models = ModelCatalogFile.load(file);
        assertThat(models).hasSize(2);
        assertThat(models.get(0).source).isEqualTo(dir.resolve("weights/stories.gguf").toString());
        assertThat(models.get(0).names()).containsExactly("stories", "default");
        assertThat(models.get(0).defaults.temperature).isEqualTo(0.5);
        assertThat(models.get(1).task).isEqualTo(ModelSpec.Task.embed);
        assertThat(models.get(1).source).startsWith("https://");
    }

    @Test
    void unknownFieldIsNamedWithWhatIsAllowed() throws Exception {
        Path file = write("models:\n  - name: a\n    source: a.gguf\n    contxtSize: 5\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("models[0].contxtSize: unknown field")
                .hasMessageContaining("allowed:").hasMessageContaining("contextSize");
    }

    @Test
    void clusterOnlyFieldsOfAModelResourceAreRejectedLocally() throws Exception {
        Path file = write("models:\n  - name: a\n    source: a.gguf\n    maxReplicas: 3\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("models[0].maxReplicas: unknown field");
    }

    @Test
    void wrongTypeIsNamed() throws Exception {
        Path file = write("models:\n  - name: a\n    source: a.gguf\n    parallel: four\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).hasMessageContaining("models[0].parallel")
                .hasMessageContaining("'four' is not an integer");
    }

    @Test
    void unknownTaskListsTheChoices() throws Exception {
        Path file = write("models:\n  - name: a\n    source: a.gguf\n    task: chat\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).hasMessageContaining("models[0].task")
                .hasMessageContaining("generate").hasMessageContaining("embed");
    }

    @Test
    void everyOutOfRangeValueIsReportedAtOnce() throws Exception {
        Path file = write("""
                models:
                  - name: Bad Name
                    source: a.gguf
                    parallel: 0
                    defaults: {topP: 1.5}
                  - name: b
                """);
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).hasMessageContaining("models[0].name:")
                .hasMessageContaining("models[0].parallel: must be between 1 and 256 (got 0)")
                .hasMessageContaining("models[0].defaults.topP: must be in (0, 1]")
                .hasMessageContaining("models[1].source: required");
    }

    @Test
    void duplicateNamesAreRejected() throws Exception {
        Path file = write("models:\n  - {name: a, source: a.gguf}\n  - {name: b, aliases: [a], source: b.gguf}\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).hasMessageContaining("models[1]")
                .hasMessageContaining("'a' is used by another model");
    }

    @Test
    void yamlSyntaxErrorGivesTheLine() throws Exception {
        Path file = write("models:\n  - name: a\n   source: [unclosed\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("line");
    }

    @Test
    void emptyFileNeedsAModel() throws Exception {
        Path file = write("models: []\n");
        assertThatThrownBy(() -> ModelCatalogFile.load(file)).hasMessageContaining("at least one model");
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> ModelCatalogFile.load(dir.resolve("nope.yaml"))).hasMessageContaining("nope.yaml")
                .hasMessageContaining("no such file");
    }

    @Test
    void readsEvaluationsBesideModels() throws Exception {
        Path file = write("""
                models:
                  - {name: stories, aliases: [default], source: s.gguf}
                evaluations:
                  - name: nightly
                    models: [default]
                    dataset: {file: data/qa.jsonl}
                    scorers: [{type: exact_match, ignorePunctuation: true}, {type: latency}]
                    schedule: "0 3 * * *"
                    sampleSize: 20
                    baseline: previous
                """);

        ModelCatalogFile.Contents contents = ModelCatalogFile.read(file);

        assertThat(contents.evaluations).singleElement().satisfies(e -> {
            assertThat(e.name).isEqualTo("nightly");
            assertThat(e.scorers.getFirst().ignorePunctuation).isTrue();
            assertThat(e.sampleSize).isEqualTo(20);
        });
    }

    @Test
    void evaluationProblemsNameTheFieldAndUnknownModels() throws Exception {
        Path file = write("""
                models:
                  - {name: stories, source: s.gguf}
                evaluations:
                  - name: a
                    models: [stories, gpt-9]
                    dataset: {items: [{prompt: "p", expected: "e"}]}
                    scorers: [{type: embedding_similarity, model: nope}]
                    schedule: "0 25 * * *"
                  - name: a
                    models: [stories]
                    dataset: {items: [{prompt: "p"}]}
                    scorers: [{type: contains}]
                """);

        assertThatThrownBy(() -> ModelCatalogFile.read(file)).isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("evaluations[0].models[1]: no model named 'gpt-9'")
                .hasMessageContaining("evaluations[0].scorers[0].model: no model named 'nope'")
                .hasMessageContaining("evaluations[0].schedule: '0 25 * * *' is not a valid cron expression")
                .hasMessageContaining("evaluations[1].name: 'a' is used by another evaluation")
                .hasMessageContaining("evaluations[1].dataset.items[0].expected: required by the scorers [contains]");
    }

    @Test
    void unknownEvaluationFieldIsNamed() throws Exception {
        Path file = write("models:\n  - {name: s, source: s.gguf}\nevaluations:\n  - {name: a, model: [s]}\n");
        assertThatThrownBy(() -> ModelCatalogFile.read(file)).hasMessageContaining("evaluations[0].model: unknown field")
                .hasMessageContaining("models");
    }
}
