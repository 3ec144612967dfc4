package dev.paddock.server.models;

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

/**
 * Downloads model weights from a URL into the model cache: into a {@code .part} file that a later
 * attempt resumes with an HTTP Range request, checked against the expected sha256, then renamed into
 * place atomically, so a file in the cache is always complete.
 */
public final class ModelDownloader {

    private static final int BUFFER = 1 << 16;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();
    private final Path cache;
    private final PrintStream progressOut;

    /**
     * @param cache folder of downloaded models
     * @param progressOut where to draw a progress bar, or null for none
     */
    public ModelDownloader(Path cache, PrintStream progressOut) {
        this.cache = cache;
        this.progressOut = progressOut;
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
        Path target = target(url, sha256);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(cache);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        download(url, part, progress);
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
        void bytes(long done, long total);
    }

    private void download(URI url, Path part, Consumer progress) throws IOException, InterruptedException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(30));
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = resp.statusCode();
        if (status == 416 && have > 0) {
            resp.body().close();
            return; // the part file is already complete
        }
        if (status != 200 && status != 206) {
            resp.body().close();
            throw new IOException("GET " + url + " answered HTTP " + status);
        }
        boolean resumed = status == 206;
        long total = resp.headers().firstValueAsLong("Content-Length").orElse(-1) + (resumed ? have : 0);
        try (InputStream in = resp.body();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                        resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            copy(in, out, resumed ? have : 0, total, progress);
        }
    }

    private void copy(InputStream in, OutputStream out, long done, long total, Consumer progress) throws IOException {
        byte[] buf = new byte[BUFFER];
        ProgressBar bar = new ProgressBar(progressOut, total);
        for (int n; (n = in.read(buf)) > 0;) {
            out.write(buf, 0, n);
            done += n;
            bar.update(done);
            if (progress != null) {
                progress.bytes(done, total);
            }
        }
        bar.finish(done);
    }

    static String sha256(Path file) throws IOException {
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
