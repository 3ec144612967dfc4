package dev.paddock.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Downloads model weights from a URL ({@code https}, {@code http}, or {@code file} for a mounted volume): into a {@code .part} file that a later attempt resumes with an
 * HTTP Range request, checked against the expected sha256, then renamed into place atomically, so a
 * file at the destination is always complete. Every host on the way (redirects included) is checked
 * against a {@link SourcePolicy} (scheme and host); request headers (a token) go only to the first host.
 * A {@code file} URL is copied without asking the policy: a caller that takes URLs from others must
 * refuse those first ({@link SourcePolicy#checkScheme}).
 */
public final class ModelDownloader {

    private static final int BUFFER = 1 << 16;
    private static final int MAX_REDIRECTS = 5;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final Path cache;
    private final PrintStream progressOut;
    private final SourcePolicy policy;

    /**
     * A downloader that accepts any host (the local mode).
     *
     * @param cache folder of downloaded models
     * @param progressOut where to draw a progress bar, or null for none
     */
    public ModelDownloader(Path cache, PrintStream progressOut) {
        this(cache, progressOut, SourcePolicy.ANY);
    }

    /**
     * @param cache folder of downloaded models ({@link #fetch}); unused by {@link #fetchTo}
     * @param progressOut where to draw a progress bar, or null for none
     * @param policy which hosts may be contacted
     */
    public ModelDownloader(Path cache, PrintStream progressOut, SourcePolicy policy) {
        this.cache = cache;
        this.progressOut = progressOut;
        this.policy = Objects.requireNonNull(policy);
    }

    /** The cache file a URL downloads to. */
    public Path target(URI url, String sha256) {
        String file = Path.of(url.getPath()).getFileName().toString();
        String prefix = sha256 != null ? sha256.substring(0, 12) : Integer.toHexString(url.toString().hashCode());
        return cache.resolve(prefix + "-" + file);
    }

    /**
     * Returns the cached file, downloading or resuming it first when needed.
     *
     * @param sha256 expected digest (hex) or null to accept what arrives
     * @throws IOException when the download fails or the digest differs (the partial file is then removed)
     */
    public Path fetch(URI url, String sha256, Consumer progress) throws IOException, InterruptedException {
        return fetchTo(url, Map.of(), sha256, target(url, sha256), progress);
    }

    /**
     * Downloads (or resumes) a URL into exactly {@code target}; returns at once when it is there.
     *
     * @param headers request headers for the first host (e.g. {@code Authorization})
     * @param sha256 expected digest (hex) or null to accept what arrives
     * @throws IOException when a host is not allowed, the download fails or the digest differs (the
     *         partial file is then removed); a {@link HttpStatusException} when the source answers an HTTP error
     */
    public Path fetchTo(URI url, Map<String, String> headers, String sha256, Path target, Consumer progress)
            throws IOException, InterruptedException {
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        download(url, headers, part, progress);
        String actual = sha256(part);
        if (sha256 != null && !actual.equalsIgnoreCase(sha256)) {
            Files.deleteIfExists(part);
            throw new IOException("sha256 of " + url + " is " + actual + ", expected " + sha256);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Receives download progress. */
    @FunctionalInterface
    public interface Consumer {
        /** Bytes in the file so far (a resumed download's earlier bytes included) and in all, -1 when unknown. */
        void bytes(long done, long total);

        /** Bytes just read from the source, so a resumed download counts only what it fetched this time. */
        default void received(long bytes) {
        }
    }

    private void download(URI url, Map<String, String> headers, Path part, Consumer progress)
            throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if ("file".equals(url.getScheme())) {
            copyFile(Path.of(url), part, have, progress);
            return;
        }
        HttpResponse<InputStream> resp = follow(url, headers, have);
        int status = resp.statusCode();
        if (status == 416 && have > 0) {
            resp.body().close();
            return; // the part file is already complete
        }
        if (status != 200 && status != 206) {
            resp.body().close();
            throw new HttpStatusException(url, resp.uri(), status);
        }
        boolean resumed = status == 206;
        long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1) + (resumed ? have : 0);
        try (InputStream in = resp.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(in, out, resumed ? have : 0, total, progress);
        }
    }

    private void copyFile(Path source, Path part, long have, Consumer progress) throws IOException {
        long total = Files.size(source);
        long from = have <= total ? have : 0;
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        from > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            in.skipNBytes(from);
            copy(in, out, from, total, progress);
        }
    }

    private HttpResponse<InputStream> follow(URI url, Map<String, String> headers, long have)
            throws IOException, InterruptedException {
        URI at = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            policy.check(at);
            HttpRequest.Builder req = HttpRequest.newBuilder(at).timeout(Duration.ofMinutes(30));
            if (hop == 0) {
                headers.forEach(req::header);
            }
            if (have > 0) {
                req.header("Range", "bytes=" + have + "-");
            }
            HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            String location = resp.headers().firstValue("Location").orElse(null);
            if (resp.statusCode() / 100 != 3 || location == null) {
                return resp;
            }
            resp.body().close();
            at = at.resolve(location);
        }
        throw new IOException("GET " + url + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private void copy(InputStream in, OutputStream out, long done, long total, Consumer progress) throws IOException {
        byte[] buf = new byte[BUFFER];
        ProgressBar bar = new ProgressBar(progressOut, total);
        for (int n; (n = in.read(buf)) > 0;) {
            out.write(buf, 0, n);
            done += n;
            bar.update(done);
            if (progress != null) {
                progress.received(n);
                progress.bytes(done, total);
            }
        }
        bar.finish(done);
    }

    /** The sha256 of a file, in lowercase hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[BUFFER];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
