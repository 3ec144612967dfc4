package dev.paddock.server.config;

import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.eval.schedule.CronSchedule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks the {@code evaluations:} of a paddock.yaml: each spec, unique names, and models that exist. */
final class EvaluationChecks {

    private EvaluationChecks() {
    }

    /**
     * @param served the names and aliases of the file's models; null when the models are served elsewhere
     * @return one message per problem, each starting with the field's path
     */
    static List<String> validate(List<EvaluationSpec> evaluations, Set<String> served) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; evaluations != null && i < evaluations.size(); i++) {
            String path = "evaluations[" + i + "]";
            EvaluationSpec e = evaluations.get(i);
            if (e == null) {
                problems.add(path + ": must be a mapping with at least name, models, dataset and scorers");
                continue;
            }
            problems.addAll(e.validate(path, true));
            if (e.name != null && !names.add(e.name)) {
                problems.add(path + ".name: '" + e.name + "' is used by another evaluation");
            }
            checkSchedule(problems, path, e);
            if (served != null) {
                checkModels(problems, path, e, served);
            }
        }
        return problems;
    }

    private static void checkSchedule(List<String> problems, String path, EvaluationSpec e) {
        if (e.schedule == null) {
            return;
        }
        try {
            CronSchedule.parse(e.schedule);
        } catch (IllegalArgumentException ex) {
            problems.add(path + ".schedule: '" + e.schedule + "' is not a valid cron expression: " + ex.getMessage());
        }
    }

    private static void checkModels(List<String> problems, String path, EvaluationSpec e, Set<String> served) {
        for (int j = 0; e.models != null && j < e.models.size(); j++) {
            if (e.models.get(j) != null && !served.contains(e.models.get(j))) {
                problems.add(path + ".models[" + j + "]: no model named '" + e.models.get(j) + "' in models: " + served);
            }
        }
        for (int j = 0; e.scorers != null && j < e.scorers.size(); j++) {
            ScorerSpec s = e.scorers.get(j);
            if (s != null && s.model != null && !served.contains(s.model)) {
                problems.add(path + ".scorers[" + j + "].model: no model named '" + s.model + "' in models: " + served);
            }
        }
    }
}
