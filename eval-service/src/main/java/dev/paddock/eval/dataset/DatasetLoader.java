package dev.paddock.eval.dataset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.DatasetSpec;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dataset's items: inline, a JSONL file (relative to the config's folder), a ConfigMap key or
 * an https URL. Each JSONL line is one item; blank lines are skipped; a bad line is reported with its
 * number and what is wrong, and nothing is scored.
 *
 * <p>URL datasets are fetched with certificate and host-name verification on; the default client trusts
 * the JVM's trust store, so a private CA is added with the standard {@code javax.net.ssl.trustStore}
 * (and {@code javax.net.ssl.trustStorePassword}) system properties. A body over {@link #MAX_URL_BYTES}
 * or a fetch slower than {@link #URL_TIMEOUT} is refused with an error naming the URL.
 */
public final class DatasetLoader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Largest URL dataset body accepted. */
    public static final long MAX_URL_BYTES = 64L * 1024 * 1024;
    /** Longest a URL dataset fetch may take. */
    public static final Duration URL_TIMEOUT = Duration.ofMinutes(2);

    private final Path baseDir;
    private final ConfigMapSource configMaps;
    private final HttpClient http;

    public DatasetLoader(Path baseDir, ConfigMapSource configMaps) {
        this(baseDir, configMaps, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** A loader whose URL datasets are fetched with {@code http} (e.g. one with its own trust configuration). */
    public DatasetLoader(Path baseDir, ConfigMapSource configMaps, HttpClient http) {
        this.baseDir = baseDir;
        this.configMaps = configMaps;
        this.http = http;
    }

    /** The items, each checked against what the scorers need. */
    public List<DatasetItem> load(DatasetSpec spec, List<ScorerSpec> scorers) {
        if (spec.items != null) {
            return spec.items;
        }
        String origin;
        String text;
        if (spec.file != null) {
            Path file = baseDir.resolve(spec.file).normalize();
            origin = file.toString();
            text = readFile(file);
        } else if (spec.configMap != null) {
            origin = "configMap " + spec.configMap.name + " key " + spec.configMap.key;
            text = configMaps.read(spec.configMap.name, spec.configMap.key);
        } else {
            origin = spec.url;
            text = fetch(spec.url);
        }
        return parse(origin, text, scorers);
    }

    /** Parses JSONL text; errors name {@code origin} and the line. */
    public static List<DatasetItem> parse(String origin, String text, List<ScorerSpec> scorers) {
        List<DatasetItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                DatasetItem item = JSON.readValue(lines[i], DatasetItem.class);
                problems.addAll(item.validate("line " + (i + 1), scorers));
                items.add(item);
            } catch (JacksonException e) {
                problems.add("line " + (i + 1) + ": not a JSON object of prompt/expected, messages/expected or"
                        + " question/choices/answer: " + e.getOriginalMessage());
            }
        }
        if (items.isEmpty() && problems.isEmpty()) {
            problems.add("no items");
        }
        if (!problems.isEmpty()) {
            throw new DatasetException(origin + ":\n  " + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
        return items;
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e.getMessage());
        }
    }

    private String fetch(String url) {
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(URL_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                if (r.statusCode() != 200) {
                    throw new DatasetException(url + ": HTTP " + r.statusCode());
                }
                byte[] bytes = body.readNBytes((int) MAX_URL_BYTES + 1);
                if (bytes.length > MAX_URL_BYTES) {
                    throw new DatasetException(url + ": larger than " + MAX_URL_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DatasetException(url + ": cannot fetch: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException(url + ": interrupted");
        }
    }
}
