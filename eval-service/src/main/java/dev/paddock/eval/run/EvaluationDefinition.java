package dev.paddock.eval.run;

import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.eval.dataset.ConfigMapSource;
import dev.paddock.eval.dataset.DatasetLoader;
import java.nio.file.Path;

/**
 * An evaluation as the service knows it: its name, its spec and where its dataset's relative files
 * and ConfigMaps are read from.
 *
 * @param name unique name (metrics and API use it)
 * @param spec the validated spec
 * @param baseDir folder that relative dataset files are resolved against
 * @param configMaps source of ConfigMap datasets ({@link ConfigMapSource#NONE} outside a cluster)
 * @param origin where it was declared, for messages (a file, or namespace/name of the resource)
 */
public record EvaluationDefinition(String name, EvaluationSpec spec, Path baseDir, ConfigMapSource configMaps,
        String origin) {

    /** The loader of this evaluation's dataset. */
    public DatasetLoader datasetLoader() {
        return new DatasetLoader(baseDir, configMaps);
    }
}
