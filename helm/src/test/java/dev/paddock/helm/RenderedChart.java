package dev.paddock.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/** The chart rendered by Helm ({@code helm template}) and parsed into Fabric8 objects. */
final class RenderedChart {

    /** The chart's folder. */
    static final Path CHART = Path.of("paddock");
    static final String RELEASE = "paddock";
    static final String NAMESPACE = "ai";
    static final String KUBE_VERSION = "1.31.4";

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** Renders with these {@code --set} values: key, value, key, value... */
    static RenderedChart render(Object... keysAndValues) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            template.set((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new RenderedChart(parse(template.call()));
    }

    static List<HasMetadata> parse(String yaml) {
        return Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(RenderedChart::hasContent)
                .map(doc -> (HasMetadata) Serialization.unmarshal(doc)).toList();
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new NoSuchElementException(type.getSimpleName() + " " + name + " in " + names()));
    }

    /** Whether a ClusterRole grants a verb on a resource of an API group. */
    static boolean grants(ClusterRole role, String group, String resource, String verb) {
        return role.getRules().stream().anyMatch(r -> allows(r, group, resource, verb));
    }

    static boolean allows(PolicyRule r, String group, String resource, String verb) {
        return r.getApiGroups().contains(group) && r.getResources().contains(resource) && r.getVerbs().contains(verb);
    }

    private List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    private static boolean hasContent(String doc) {
        return doc.lines().map(String::strip).anyMatch(l -> !l.isEmpty() && !l.startsWith("#"));
    }
}
