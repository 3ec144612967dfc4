package dev.paddock.eval.run;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.eval.client.Answer;
import dev.paddock.eval.client.EndpointException;
import dev.paddock.eval.client.OpenAiEndpoint;
import dev.paddock.eval.dataset.DatasetException;
import dev.paddock.eval.scoring.Scorer;
import dev.paddock.eval.scoring.Scorers;
import dev.paddock.eval.stats.Bootstrap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Runs an evaluation once: reads the dataset, draws the sample, checks each model's endpoint contract,
 * asks every item ({@code concurrency} at a time), scores the answers and summarises each model and
 * scorer with a bootstrap confidence interval. A dataset, contract or endpoint problem ends the run
 * as failed with its reason; no partial scores are reported.
 */
public final class EvaluationRunner {

    private final OpenAiEndpoint endpoint;
    private final Bootstrap bootstrap;

    public EvaluationRunner(OpenAiEndpoint endpoint, Bootstrap bootstrap) {
        this.endpoint = endpoint;
        this.bootstrap = bootstrap;
    }

    /** Runs the evaluation and returns its result, failed or not. */
    public RunResult run(EvaluationDefinition def) {
        String id = UUID.randomUUID().toString();
        Instant started = Instant.now();
        EvaluationSpec spec = def.spec();
        try {
            List<DatasetItem> items = sample(def.datasetLoader().load(spec.dataset, spec.scorers), spec);
            List<ScoreResult> scores = new ArrayList<>();
            for (String model : spec.models) {
                new ContractCheck(endpoint).check(spec, model, items.getFirst());
                scores.addAll(scoreModel(spec, model, items));
            }
            return new RunResult(id, def.name(), started, Instant.now(), RunResult.State.succeeded, null, items.size(),
                    scores, List.of());
        } catch (DatasetException | ContractViolation | EndpointException e) {
            return new RunResult(id, def.name(), started, Instant.now(), RunResult.State.failed, e.getMessage(), 0,
                    List.of(), List.of());
        }
    }

    private List<ScoreResult> scoreModel(EvaluationSpec spec, String model, List<DatasetItem> items) {
        List<Scorer> scorers = spec.scorers.stream().map(s -> Scorers.of(s, endpoint)).toList();
        double[][] values = new double[spec.scorers.size()][items.size()];
        try (ExecutorService pool = Executors.newFixedThreadPool(spec.concurrency, Thread.ofVirtual().factory())) {
            List<Future<Answer>> answers = items.stream().map(item -> pool.submit(() -> ask(model, item, spec))).toList();
            for (int i = 0; i < items.size(); i++) {
                Answer a = get(answers.get(i), model, i);
                for (int s = 0; s < scorers.size(); s++) {
                    values[s][i] = scoreOne(scorers.get(s), spec.scorers.get(s), items.get(i), a, model, i);
                }
            }
        }
        List<ScoreResult> out = new ArrayList<>();
        for (int s = 0; s < scorers.size(); s++) {
            out.add(summarise(model, spec.scorers.get(s), values[s], spec.seed));
        }
        return out;
    }

    private static double scoreOne(Scorer scorer, ScorerSpec spec, DatasetItem item, Answer answer, String model, int i) {
        try {
            return scorer.score(item, answer);
        } catch (EndpointException e) {
            throw new EndpointException(e.status(), "model " + model + ", item " + i + ", scorer " + spec.displayName()
                    + ": " + e.getMessage());
        }
    }

    private Answer ask(String model, DatasetItem item, EvaluationSpec spec) {
        return item.question != null ? MultipleChoice.choose(endpoint, model, item) : endpoint.answer(model, item, spec.generation);
    }

    private ScoreResult summarise(String model, ScorerSpec scorer, double[] all, long seed) {
        double[] scored = Arrays.stream(all).filter(v -> !Double.isNaN(v)).toArray();
        Bootstrap.Interval ci = bootstrap.of(scored, seed);
        return new ScoreResult(model, scorer.displayName(), scorer.type.name(), ci.mean(), ci.low(), ci.high(),
                scored.length, all.length - scored.length, scorer.type.lowerIsBetter());
    }

    private static Answer get(Future<Answer> f, String model, int item) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EndpointException ee) {
                throw new EndpointException(ee.status(), "model " + model + ", item " + item + ": " + ee.getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(0, "interrupted");
        }
    }

    private static List<DatasetItem> sample(List<DatasetItem> items, EvaluationSpec spec) {
        if (spec.sampleSize == null || spec.sampleSize >= items.size()) {
            return items;
        }
        List<Integer> order = new ArrayList<>(IntStream.range(0, items.size()).boxed().toList());
        Collections.shuffle(order, new Random(spec.seed));
        return order.subList(0, spec.sampleSize).stream().sorted().map(items::get).toList();
    }
}
