package dev.paddock.manager.puller;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.pull.HuggingFaceFile;
import dev.paddock.pull.ModelDownloader;
import dev.paddock.pull.SourcePolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The entry point pull and cleanup Jobs run (no Quarkus, no cluster access):
 * <pre>
 * PullerMain (--source URL | --hf-repo R --hf-file F [--hf-revision V] [--hf-base-url U] | --file PATH)
 *            [--sha256 HEX] --dest FILE [--allow-host H]... [--allow-private] [--result FILE]
 *            [--progress-ms N]
 * PullerMain --remove DIR
 * </pre>
 * {@code --source} (and the Hugging Face URL) must be https, or plain http with {@code --allow-private}; a
 * {@code file:} URL or a path there is refused ({@link SourcePolicy}), only {@code --file} copies a file (the
 * PVC the Job mounted). A pull resumes a {@code .part} file, checks the sha256 and renames into place atomically; the
 * Hugging Face token is read from {@code HF_TOKEN}. The result is written as JSON to {@code --result}
 * (the Job's termination message, read by the operator): {@code {"sha256":..,"bytes":..}} or
 * {@code {"error":..}}. While it downloads it writes {@link PullProgress} lines to the log every
 * {@code --progress-ms} (default 2000), which the operator reads into the Model's status. Exit status
 * 0 on success, 1 on failure, 2 on bad arguments.
 */
public final class PullerMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PullerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    /** Runs with these arguments and environment; returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream log) {
        PullerArgs a;
        try {
            a = PullerArgs.parse(args);
        } catch (IllegalArgumentException e) {
            log.println("puller: " + e.getMessage());
            return 2;
        }
        try {
            if (a.remove() != null) {
                remove(a.remove());
                log.println("puller: emptied " + a.remove());
                return 0;
            }
            Path file = pull(a, env, PullProgress.writer(log, a.progressMillis()));
            String sha = ModelDownloader.sha256(file);
            result(a, Map.of("sha256", sha, "bytes", Files.size(file)));
            log.println("puller: " + file + " ready, sha256 " + sha);
            return 0;
        } catch (IOException e) {
            log.println("puller: " + e.getMessage());
            writeError(a, e.getMessage(), log);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static Path pull(PullerArgs a, Map<String, String> env, ModelDownloader.Consumer progress)
            throws IOException, InterruptedException {
        SourcePolicy policy = new SourcePolicy(a.allowedHosts(), a.allowPrivate());
        ModelDownloader downloader = new ModelDownloader(a.dest().getParent(), null, policy);
        Map<String, String> headers = new HashMap<>();
        URI url;
        if (a.hfRepo() != null) {
            url = new HuggingFaceFile(a.hfRepo(), a.hfFile(), a.hfRevision()).resolveUrl(URI.create(a.hfBaseUrl()));
            String token = env.get("HF_TOKEN");
            if (token != null && !token.isBlank()) {
                headers.put("Authorization", "Bearer " + token.strip());
            }
        } else if (a.file() != null) {
            // the one way to copy a file: a PVC the Job mounted (the pod reads only what the operator mounted)
            return downloader.fetchTo(a.file().toAbsolutePath().toUri(), headers, a.sha256(), a.dest(), progress);
        } else {
            url = source(a.source());
        }
        // the downloader copies file: URLs without asking the policy, so a URL is checked here first
        policy.checkScheme(url);
        return downloader.fetchTo(url, headers, a.sha256(), a.dest(), progress);
    }

    private static URI source(String text) throws IOException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IOException("source " + text + " is not a URL: " + e.getMessage());
        }
    }

    private static void remove(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void writeError(PullerArgs a, String message, PrintStream log) {
        try {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", message);
            result(a, error);
        } catch (IOException e) {
            log.println("puller: cannot write the result: " + e.getMessage());
        }
    }

    private static void result(PullerArgs a, Map<String, Object> result) throws IOException {
        if (a.result() != null) {
            Files.writeString(a.result(), JSON.writeValueAsString(result));
        }
    }
}
