package dev.paddock.eval.rest;

import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.eval.results.ResultStore;
import dev.paddock.eval.run.EvaluationDefinition;
import dev.paddock.eval.run.EvaluationRuns;
import dev.paddock.eval.run.RunResult;
import dev.paddock.eval.schedule.RunScheduler;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results API: the evaluations, their latest scores and bounded history, and starting a run now.
 * Errors are OpenAI error envelopes.
 */
@Path("/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationsResource {

    @Inject
    EvaluationRuns runs;
    @Inject
    RunScheduler scheduler;
    @Inject
    ResultStore store;

    /** Every evaluation with its latest run. */
    @GET
    public Map<String, Object> list() {
        List<EvaluationView> data = runs.all().stream().sorted(Comparator.comparing(EvaluationDefinition::name))
                .map(d -> view(d, false)).toList();
        return Map.of("object", "list", "data", data);
    }

    /** One evaluation with its whole kept history. */
    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return runs.find(name).map(d -> Response.ok(view(d, true)).build()).orElseGet(() -> notFound(name));
    }

    /** An evaluation's runs, oldest first. */
    @GET
    @Path("{name}/runs")
    public Response history(@PathParam("name") String name) {
        return runs.find(name).map(d -> Response.ok(Map.of("object", "list", "data", store.history(name))).build())
                .orElseGet(() -> notFound(name));
    }

    /** One run by id ({@code latest} for the newest). */
    @GET
    @Path("{name}/runs/{id}")
    public Response run(@PathParam("name") String name, @PathParam("id") String id) {
        Optional<RunResult> found = id.equals("latest") ? store.latest(name) : store.find(name, id);
        return found.map(r -> Response.ok(r).build()).orElseGet(() -> error(404, "No run '" + id + "' of evaluation '"
                + name + "'", "run_not_found"));
    }

    /** Starts a run now (202); a run in progress is not started twice. */
    @POST
    @Path("{name}/runs")
    public Response start(@PathParam("name") String name) {
        if (runs.find(name).isEmpty()) {
            return notFound(name);
        }
        boolean already = runs.isRunning(name);
        runs.start(name);
        return Response.accepted(Map.of("evaluation", name, "state", "running", "alreadyRunning", already)).build();
    }

    private EvaluationView view(EvaluationDefinition d, boolean withHistory) {
        return new EvaluationView(d.name(), d.origin(), d.spec().models,
                d.spec().scorers.stream().map(ScorerSpec::displayName).toList(), d.spec().schedule,
                scheduler.nextRun(d.name()).map(ZonedDateTime::toString).orElse(null), runs.isRunning(d.name()),
                store.latest(d.name()).orElse(null), withHistory ? store.history(d.name()) : null);
    }

    private static Response notFound(String name) {
        return error(404, "The evaluation '" + name + "' does not exist", "evaluation_not_found");
    }

    private static Response error(int status, String message, String code) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ErrorResponse.of(message, "invalid_request_error", null, code)).build();
    }
}
