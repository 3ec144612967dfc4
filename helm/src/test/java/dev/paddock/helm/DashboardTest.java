package dev.paddock.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard the chart ships: loaded by the sidecar from a labelled ConfigMap, and every
 * metric its queries use is one the services register (found in their sources, Micrometer names with
 * dots, as Prometheus shows them with underscores and the _seconds/_total/_bucket suffixes).
 */
class DashboardTest {

    private static final Path DASHBOARD = Path.of("paddock/dashboards/paddock-overview.json");
    private static final List<String> SERVICES = List.of("../gateway", "../server", "../eval-service",
            "../inference-worker", "../model-manager");
    private static final Pattern METRIC = Pattern.compile("\\bpaddock_[a-z0-9_]+");
    private static final Pattern METER_NAME = Pattern.compile("\"(paddock[._][a-z0-9._]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSidecarFindsTheDashboardInALabelledConfigMap() throws IOException {
        ConfigMap map = RenderedChart.render().get(ConfigMap.class, "paddock-dashboards");
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(JSON.readTree(map.getData().get("paddock-overview.json"))).isEqualTo(JSON.readTree(DASHBOARD.toFile()));
        ConfigMap custom = RenderedChart.render("grafana.dashboards.label", "dashboards", "grafana.dashboards.labelValue",
                "paddock", "grafana.dashboards.annotations.grafana_folder", "LLM").get(ConfigMap.class,
                        "paddock-dashboards");
        assertThat(custom.getMetadata().getLabels()).containsEntry("dashboards", "paddock");
        assertThat(custom.getMetadata().getAnnotations()).containsEntry("grafana_folder", "LLM");
    }

    @Test
    void everyPanelQueriesMetricsTheServicesRegister() throws IOException {
        Set<String> registered = registeredMeters();
        List<String> used = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).get("panels")) {
            assertThat(panel.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
            assertThat(panel.get("targets")).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        assertThat(used).hasSizeGreaterThanOrEqualTo(10);
        assertThat(used).allSatisfy(metric -> assertThat(registered).as(metric).contains(base(metric)));
        assertThat(used).contains("paddock_time_to_first_token_seconds_bucket", "paddock_eval_score",
                "paddock_requests_total", "paddock_generation_tokens_total", "paddock_model_pull_bytes_total");
    }

    @Test
    void panelIdsAreUnique() throws IOException {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).get("panels")) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel id " + panel.get("id")).isTrue();
        }
    }

    /** Meter names in the services' sources, with underscores and without unit or type suffixes. */
    private static Set<String> registeredMeters() throws IOException {
        Set<String> names = new HashSet<>();
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.walk(Path.of(service, "src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = METER_NAME.matcher(read(f));
                    while (m.find()) {
                        names.add(base(m.group(1).replace('.', '_')));
                    }
                });
            }
        }
        return names;
    }

    private static String base(String metric) {
        return metric.replaceAll("_(bucket|sum|count)$", "").replaceAll("_(total|seconds)$", "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
