package dev.paddock.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.DatasetSpec;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

    private static List<ScorerSpec> scorers(ScorerSpec.Type type) {
        ScorerSpec s = new ScorerSpec();
        s.type = type;
        return List.of(s);
    }

    @Test
    void readsTheThreeJsonlShapesFromAFileRelativeToTheConfig(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("qa.jsonl"), """
                {"prompt": "Once upon a time", "expected": "there was"}

                {"messages": [{"role": "user", "content": "Hi"}], "expected": "Hello"}
                """);
        Files.writeString(dir.resolve("mc.jsonl"), "{\"question\": \"Sky:\", \"choices\": [\"blue\", \"red\"], \"answer\": 0}\n");
        DatasetLoader loader = new DatasetLoader(dir, ConfigMapSource.NONE);
        DatasetSpec qa = new DatasetSpec();
        qa.file = "qa.jsonl";
        DatasetSpec mc = new DatasetSpec();
        mc.file = "mc.jsonl";

        List<DatasetItem> items = loader.load(qa, scorers(ScorerSpec.Type.exact_match));
        assertThat(items).hasSize(2);
        assertThat(items.get(1).messages.getFirst().content).isEqualTo("Hi");
        DatasetItem q = loader.load(mc, scorers(ScorerSpec.Type.multiple_choice)).getFirst();
        assertThat(q.answerIndex()).isZero();
    }

    @Test
    void reportsEachBadLineWithItsNumber() {
        String text = """
                {"prompt": "a", "expected": "b"}
                {"prompt": "a"}
                not json
                {"prompt": "a", "expected": "b", "extra": 1}
                """;

        assertThatThrownBy(() -> DatasetLoader.parse("data.jsonl", text, scorers(ScorerSpec.Type.contains)))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("data.jsonl:")
                .hasMessageContaining("line 2.expected: required by the scorers [contains]")
                .hasMessageContaining("line 3: not a JSON object")
                .hasMessageContaining("line 4: not a JSON object");
    }

    @Test
    void configMapDatasetsNeedACluster() {
        DatasetSpec spec = new DatasetSpec();
        spec.configMap = new DatasetSpec.ConfigMapKey();
        spec.configMap.name = "qa";
        spec.configMap.key = "data.jsonl";

        assertThatThrownBy(() -> new DatasetLoader(Path.of("."), ConfigMapSource.NONE).load(spec, List.of()))
                .hasMessageContaining("configMap qa: ConfigMap datasets can only be read in a cluster");
    }

    @Test
    void readsAConfigMapKeyThroughItsSource() {
        DatasetSpec spec = new DatasetSpec();
        spec.configMap = new DatasetSpec.ConfigMapKey();
        spec.configMap.name = "qa";
        spec.configMap.key = "k";
        ConfigMapSource source = (name, key) -> name.equals("qa") && key.equals("k")
                ? "{\"prompt\": \"p\", \"expected\": \"e\"}" : "";

        assertThat(new DatasetLoader(Path.of("."), source).load(spec, scorers(ScorerSpec.Type.exact_match)))
                .singleElement().satisfies(i -> assertThat(i.expected).isEqualTo("e"));
    }
}
