package dev.paddock.manager.puller;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.pull.HttpStatusException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The entry point pull and cleanup Jobs run (no Quarkus, no cluster access):
 * <pre>
 * PullerMain (--source URL | --hf-repo R --hf-file F [--hf-revision V] [--hf-base-url U] | --file PATH)
 *            [--sha256 HEX] --dest FILE [--allow-host H]... [--allow-private] [--result FILE]
 *            [--progress-ms N]
 * PullerMain --remove DIR|FILE
 * </pre>
 * {@code --source} (and the Hugging Face URL) must be https, or plain http with {@code --allow-private}; a
 * {@code file:} URL or a path there is refused ({@link SourcePolicy}), only {@code --file} copies a file (the
 * PVC the Job mounted). A pull resumes a {@code .part} file, checks the sha256 and renames into place atomically; the
 * Hugging Face token is read from {@code HF_TOKEN}. The result is written as JSON to {@code --result}
 * (the Job's termination message, read by the operator): {@code {"sha256":..,"bytes":..}} or
 * {@code {"error":..,"failure":..}}, the failure {@value #TRANSIENT} (network, a 5xx, 408 or 429 answer, I/O: the
 * operator retries it with back-off, and the retry resumes the {@code .part} file), {@value #CHECKSUM} (the file's sha256
 * differs from {@code --sha256}: the same bytes would differ again), {@value #REFUSED} (the source's scheme, host or
 * address is not allowed) or {@value #CLIENT_ERROR} (the source answered any other 4xx: not found, unauthorized,
 * forbidden; the error names the status and the URL, without query or user info); the operator retries none of the
 * last three. While it downloads it writes {@link PullProgress} lines to the log every
 * {@code --progress-ms} (default 2000), which the operator reads into the Model's status. Exit status
 * 0 on success, 1 on failure, 2 on bad arguments.
 */
public final class PullerMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Failure kind: may succeed when tried again. */
    public static final String TRANSIENT = "Transient";
    /** Failure kind: the downloaded file's sha256 is not the expected one. */
    public static final String CHECKSUM = "Checksum";
    /** Failure kind: the source's scheme, host or address is not allowed. */
    public static final String REFUSED = "Refused";
    /**
     * Failure kind: the source answered HTTP 4xx other than 408 and 429 (a wrong URL, file or revision, a missing or
     * bad token): the same request would be answered the same.
     */
    public static final String CLIENT_ERROR = "ClientError";
    private static final Pattern HTTP_STATUS = Pattern.compile("answered HTTP (\\d{3})");

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
                log.println("puller: " + (remove(a.remove()) ? "emptied " : "removed ") + a.remove());
                return 0;
            }
            Path file = pull(a, env, PullProgress.writer(log, a.progressMillis()));
            String sha = ModelDownloader.sha256(file);
            result(a, Map.of("sha256", sha, "bytes", Files.size(file)));
            log.println("puller: " + file + " ready, sha256 " + sha);
            return 0;
        } catch (Refused e) {
            log.println("puller: " + e.getMessage());
            writeError(a, e.getMessage(), REFUSED, log);
            return 1;
        } catch (IOException e) {
            log.println("puller: " + e.getMessage());
            writeError(a, e.getMessage(), failure(e), log);
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
        // the downloader copies file: URLs without asking the policy, so a URL is checked (scheme first) here
        refusedIfFails(() -> policy.check(url));
        return downloader.fetchTo(url, headers, a.sha256(), a.dest(), progress);
    }

    private static URI source(String text) throws IOException {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new Refused("source " + text + " is not a URL: " + e.getMessage());
        }
    }

    /** The policy's answer as a refusal, except a host that does not resolve now (DNS may answer later). */
    private static void refusedIfFails(PolicyCheck check) throws IOException {
        try {
            check.run();
        } catch (IOException e) {
            throw e.getCause() instanceof java.net.UnknownHostException ? e : new Refused(e.getMessage());
        }
    }

    /**
     * The kind of a failure the download itself reported: an HTTP client error ({@link HttpStatusException}), a digest
     * mismatch ({@code ModelDownloader}'s "sha256 of URL is X, expected Y"), a redirect to a source the policy refuses
     * ({@code SourcePolicy}'s "source host H is not in the allowed hosts" / "... private address ..." / "...
     * cluster-internal ..."), or anything else (network, another HTTP status, disk), which is transient.
     */
    static String failure(IOException e) {
        if (e instanceof HttpStatusException http) {
            return http.clientError() ? CLIENT_ERROR : TRANSIENT;
        }
        return failure(String.valueOf(e.getMessage()));
    }

    /** The failure kind of a puller's error message (for results without a "failure" field, from older pullers). */
    public static String failure(String m) {
        if (m.contains("sha256 of ") && m.contains(", expected ")) {
            return CHECKSUM;
        }
        Matcher http = HTTP_STATUS.matcher(m);
        if (m.startsWith("GET ") && http.find()) {
            return HttpStatusException.clientError(Integer.parseInt(http.group(1))) ? CLIENT_ERROR : TRANSIENT;
        }
        if (m.contains("source ") && (m.contains("is not in the allowed hosts") || m.contains("private address")
                || m.contains("cluster-internal") || m.contains("is not allowed") || m.contains("has no host"))) {
            return REFUSED;
        }
        return TRANSIENT;
    }

    @FunctionalInterface
    private interface PolicyCheck {
        void run() throws IOException;
    }

    /** A source the policy does not allow. */
    private static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Empties a folder, or removes one file and its {@code .part} (a pull that did not finish); returns whether it was
     * a folder. What is gone already is no error: two Jobs may remove in one folder at once (a model's deletion and
     * the removal of one of its earlier files).
     */
    private static boolean remove(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            Files.deleteIfExists(target);
            Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".part"));
            return false;
        }
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(target)).toList()) {
                Files.deleteIfExists(p);
            }
        }
        return true;
    }

    private static void writeError(PullerArgs a, String message, String failure, PrintStream log) {
        try {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", message);
            error.put("failure", failure);
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
