package dev.paddock.eval.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.paddock.eval.run.RunResult;
import java.util.List;

/**
 * An evaluation in the results API.
 *
 * @param name its name
 * @param origin where it is declared (a file, or namespace/name of the resource)
 * @param models the models it evaluates
 * @param scorers its scorers' names
 * @param schedule its cron schedule, null when it runs only on demand
 * @param nextRunTime when the next scheduled run is due (ISO 8601), null without a schedule
 * @param running whether a run is in progress
 * @param latest the newest run, null before the first
 * @param history every kept run, oldest first (only on the single-evaluation endpoint)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationView(String name, String origin, List<String> models, List<String> scorers, String schedule,
        String nextRunTime, boolean running, RunResult latest, List<RunResult> history) {
}
