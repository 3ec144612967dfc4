package dev.paddock.server.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.api.model.v1alpha1.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code paddock.yaml}: a {@code models:} list of {@link ModelSpec} and an {@code evaluations:}
 * list of {@link EvaluationSpec}. Every problem is reported with the file, the field's path and what
 * is allowed, all at once, before anything starts.
 */
public final class ModelCatalogFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The file's shape. */
    public static class Contents {
        /** The models to serve. */
        public List<ModelSpec> models = new ArrayList<>();
        /** Evaluations the in-process eval service runs against these models. */
        public List<EvaluationSpec> evaluations = new ArrayList<>();
    }

    private ModelCatalogFile() {
    }

    /**
     * Parses and validates a file; relative model paths are resolved against the file's folder.
     *
     * @throws ConfigurationProblem naming the file and each bad field
     */
    public static List<ModelSpec> load(Path file) {
        return read(file).models;
    }

    /**
     * Parses and validates the whole file, models and evaluations; an evaluation's models must be
     * among the file's.
     *
     * @throws ConfigurationProblem naming the file and each bad field
     */
    public static Contents read(Path file) {
        Contents contents = parse(file);
        if (contents.models == null || contents.models.isEmpty()) {
            throw new ConfigurationProblem(file + ": models: at least one model is required");
        }
        List<String> problems = validate(contents.models);
        problems.addAll(EvaluationChecks.validate(contents.evaluations, servedNames(contents.models)));
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.of(file, problems);
        }
        Path base = file.toAbsolutePath().getParent();
        contents.models.stream().filter(m -> !m.sourceIsUrl()).forEach(m -> m.source = resolvePath(base, m.source));
        return contents;
    }

    /**
     * Parses and validates one model given as text (a ModelSpec in JSON or YAML), e.g. from an environment
     * variable; its source must be an absolute path or a URL.
     *
     * @param origin where the text came from, for the messages
     * @throws ConfigurationProblem naming the origin and each bad field
     */
    public static ModelSpec readModel(String origin, String text) {
        ModelSpec spec;
        try {
            spec = YAML.readValue(text, ModelSpec.class);
        } catch (JacksonException e) {
            throw new ConfigurationProblem(origin + ": " + describe(e));
        }
        if (spec == null) {
            throw new ConfigurationProblem(origin + ": a model spec with at least name and source is required");
        }
        List<String> problems = spec.validate("model");
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.of(origin, problems);
        }
        return spec;
    }

    /**
     * Reads only the {@code evaluations:} of a file (for {@code ./paddock eval FILE}, which runs them
     * against a server already serving the models); {@code models:} may be absent.
     *
     * @throws ConfigurationProblem naming the file and each bad field
     */
    public static List<EvaluationSpec> readEvaluations(Path file) {
        Contents contents = parse(file);
        if (contents.evaluations == null || contents.evaluations.isEmpty()) {
            throw new ConfigurationProblem(file + ": evaluations: at least one evaluation is required");
        }
        List<String> problems = EvaluationChecks.validate(contents.evaluations, null);
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.of(file, problems);
        }
        return contents.evaluations;
    }

    private static Contents parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationProblem(file + ": no such file");
        }
        try {
            Contents contents = YAML.readValue(file.toFile(), Contents.class);
            return contents != null ? contents : new Contents();
        } catch (JacksonException e) {
            throw new ConfigurationProblem(file + ": " + describe(e));
        } catch (IOException e) {
            throw new ConfigurationProblem(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Set<String> servedNames(List<ModelSpec> models) {
        return models.stream().filter(m -> m != null).flatMap(m -> m.names().stream()).collect(Collectors.toSet());
    }

    /** Checks each spec and that no two models share a name. */
    public static List<String> validate(List<ModelSpec> models) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            ModelSpec m = models.get(i);
            if (m == null) {
                problems.add("models[" + i + "]: must be a mapping with at least name and source");
                continue;
            }
            problems.addAll(m.validate("models[" + i + "]"));
            for (String n : m.names()) {
                if (n != null && !seen.add(n)) {
                    problems.add("models[" + i + "]: name or alias '" + n + "' is used by another model");
                }
            }
        }
        return problems;
    }

    private static String resolvePath(Path base, String source) {
        String expanded = source.startsWith("~/") ? System.getProperty("user.home") + source.substring(1) : source;
        return base.resolve(expanded).normalize().toString();
    }

    private static String describe(JacksonException e) {
        String where = e instanceof JsonMappingException m ? path(m) : "";
        String at = location(e.getLocation());
        if (e instanceof UnrecognizedPropertyException u) {
            String allowed = u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return where + ": unknown field" + at + "; allowed: " + allowed;
        }
        if (e instanceof InvalidFormatException f) {
            String target = f.getTargetType().isEnum() ? "one of " + List.of(f.getTargetType().getEnumConstants())
                    : friendly(f.getTargetType());
            return where + ": '" + f.getValue() + "' is not " + target + at;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return where + ": expected " + friendly(m.getTargetType()) + at;
        }
        return (where.isEmpty() ? "" : where + ": ") + "invalid YAML" + at + ": " + e.getOriginalMessage();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String location(JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String friendly(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }
}
