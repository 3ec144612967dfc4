package dev.paddock.server.cli;

import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.eval.client.OpenAiEndpoint;
import dev.paddock.eval.dataset.ConfigMapSource;
import dev.paddock.eval.run.EvaluationDefinition;
import dev.paddock.eval.run.EvaluationRunner;
import dev.paddock.eval.run.RunResult;
import dev.paddock.eval.stats.Bootstrap;
import dev.paddock.server.config.ConfigurationProblem;
import dev.paddock.server.config.ModelCatalogFile;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code paddock eval FILE [--url URL]}: runs the {@code evaluations:} of FILE once against a running
 * server (default {@code http://127.0.0.1:8080}) and prints a table per evaluation. Exit code 0 when
 * every run succeeded, 1 when one failed, 2 for a bad file or arguments.
 */
public final class EvalCommand {

    private static final int RESAMPLES = 1000;
    private static final double LEVEL = 0.95;

    private EvalCommand() {
    }

    /** Runs the command; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Optional<String> file = args.stream().filter(a -> !a.startsWith("--")).findFirst();
        int urlAt = args.indexOf("--url");
        if (file.isEmpty() || (urlAt >= 0 && urlAt + 1 >= args.size())) {
            err.println("usage: paddock eval FILE [--url http://127.0.0.1:8080] [--api-key KEY]");
            return 2;
        }
        URI url = URI.create(urlAt >= 0 ? args.get(urlAt + 1) : "http://127.0.0.1:8080");
        int keyAt = args.indexOf("--api-key");
        Optional<String> key = keyAt >= 0 && keyAt + 1 < args.size() ? Optional.of(args.get(keyAt + 1))
                : Optional.ofNullable(System.getenv("PADDOCK_API_KEY"));
        Path path = Path.of(file.get()).toAbsolutePath();
        List<EvaluationSpec> specs;
        try {
            specs = ModelCatalogFile.readEvaluations(path);
        } catch (ConfigurationProblem e) {
            err.println("paddock: " + e.getMessage());
            return 2;
        }
        EvaluationRunner runner = new EvaluationRunner(new OpenAiEndpoint(url, key, Duration.ofMinutes(5)),
                new Bootstrap(RESAMPLES, LEVEL));
        boolean allSucceeded = true;
        for (EvaluationSpec spec : specs) {
            out.println("evaluation " + spec.name + " against " + url + " ...");
            RunResult r = runner.run(new EvaluationDefinition(spec.name, spec, path.getParent(), ConfigMapSource.NONE,
                    path.toString()));
            out.print(ResultTable.render(r));
            allSucceeded &= r.state() == RunResult.State.succeeded;
        }
        return allSucceeded ? 0 : 1;
    }
}
