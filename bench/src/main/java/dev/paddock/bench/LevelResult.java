package dev.paddock.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One run of one load level on one side: closed-loop {@code concurrency} clients issuing
 * {@code requests} requests in all. Crosses the process boundary as one JSON line (written by hand,
 * so the Paddock child never loads a JSON library that would count against its memory).
 *
 * @param workload "gen" or "embed"
 * @param wallNanos first request sent to last answer complete
 * @param tokens generated tokens over all requests (as the server counted them)
 * @param ttftMs time to first token of each request (gen only)
 * @param latencyMs whole-request latency of each request
 * @param interTokenMs each stream's mean time between tokens (gen only)
 * @param serverPerTokenMs the server's own mean decode time per token, NaN when it does not report one
 * @param errors failed requests
 * @param firstText the first request's generated text (sanity check), or ""
 * @param firstError the first error, or ""
 */
record LevelResult(String workload, int concurrency, int requests, long wallNanos, long tokens, double[] ttftMs,
        double[] latencyMs, double[] interTokenMs, double serverPerTokenMs, int errors, String firstText,
        String firstError) {

    static LevelResult of(String workload, int concurrency, long wallNanos, List<Sample> samples) {
        long tokens = samples.stream().mapToLong(Sample::tokens).sum();
        double[] ttft = samples.stream().filter(s -> s.ttftNanos() >= 0).mapToDouble(s -> s.ttftNanos() / 1e6)
                .toArray();
        double[] latency = samples.stream().filter(s -> s.error() == null).mapToDouble(s -> s.latencyNanos() / 1e6)
                .toArray();
        double[] itl = samples.stream().filter(s -> s.interTokenNanos() >= 0)
                .mapToDouble(s -> s.interTokenNanos() / 1e6).toArray();
        double server = samples.stream().mapToDouble(Sample::serverPerTokenMs).filter(d -> !Double.isNaN(d))
                .average().orElse(Double.NaN);
        int errors = (int) samples.stream().filter(s -> s.error() != null).count();
        String firstError = samples.stream().map(Sample::error).filter(e -> e != null).findFirst().orElse("");
        String text = samples.isEmpty() || samples.getFirst().text() == null ? "" : samples.getFirst().text();
        return new LevelResult(workload, concurrency, samples.size(), wallNanos, tokens, ttft, latency, itl, server,
                errors, text, firstError);
    }

    double tokensPerSecond() {
        return tokens / (wallNanos / 1e9);
    }

    double requestsPerSecond() {
        return (requests - errors) / (wallNanos / 1e9);
    }

    double ttftP50() {
        return Stats.percentile(ttftMs, 50);
    }

    double ttftP95() {
        return Stats.percentile(ttftMs, 95);
    }

    double latencyP50() {
        return Stats.percentile(latencyMs, 50);
    }

    double interTokenP50() {
        return Stats.percentile(interTokenMs, 50);
    }

    String toJson() {
        return "{\"workload\":\"" + workload + "\",\"concurrency\":" + concurrency + ",\"requests\":" + requests
                + ",\"wallNanos\":" + wallNanos + ",\"tokens\":" + tokens + ",\"ttftMs\":" + array(ttftMs)
                + ",\"latencyMs\":" + array(latencyMs) + ",\"interTokenMs\":" + array(interTokenMs)
                + ",\"serverPerTokenMs\":" + number(serverPerTokenMs) + ",\"errors\":" + errors + ",\"firstText\":"
                + Json.quote(firstText) + ",\"firstError\":" + Json.quote(firstError) + "}";
    }

    static LevelResult fromJson(JsonNode n) {
        return new LevelResult(n.path("workload").asText(), n.path("concurrency").asInt(), n.path("requests").asInt(),
                n.path("wallNanos").asLong(), n.path("tokens").asLong(), doubles(n.path("ttftMs")),
                doubles(n.path("latencyMs")), doubles(n.path("interTokenMs")),
                n.path("serverPerTokenMs").isNumber() ? n.path("serverPerTokenMs").asDouble() : Double.NaN,
                n.path("errors").asInt(), n.path("firstText").asText(""), n.path("firstError").asText(""));
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static String array(double[] values) {
        return Arrays.stream(values).mapToObj(LevelResult::number).collect(Collectors.joining(",", "[", "]"));
    }

    private static String number(double d) {
        return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.4f", d);
    }
}
