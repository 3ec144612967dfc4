package dev.paddock.bench;

import java.io.IOException;

/**
 * Figures read from a Paddock server's Prometheus text ({@code /metrics}): the sum and count of a timer,
 * over the series whose labels contain a given text, so that the mean over a stretch of load is the
 * difference of two readings.
 */
final class ServerMetrics {

    /** The gateway's time to first token (request in to first token out), every model. */
    static final String TTFT = "paddock_time_to_first_token_seconds";
    /** The gateway's time from publishing a request to Kafka to its worker's "started" reply (distributed). */
    static final String QUEUE_TIME = "paddock_queue_time_seconds";

    private ServerMetrics() {
    }

    /** A reading of one timer: seconds in all and events. */
    record Reading(double sum, double count) {

        static final Reading NONE = new Reading(Double.NaN, Double.NaN);

        /** The mean in milliseconds of the events between {@code before} and this reading, or NaN. */
        double meanMsSince(Reading before) {
            double n = count - before.count;
            return n > 0 ? 1000 * (sum - before.sum) / n : Double.NaN;
        }
    }

    /** The timer {@code metric}'s sum and count over the series whose label set contains {@code labels}. */
    static Reading read(String metricsText, String metric, String labels) {
        double sum = 0;
        double count = 0;
        for (String l : metricsText.split("\n")) {
            if (!l.startsWith(metric + "_") || !l.contains(labels)) {
                continue;
            }
            double v = Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
            if (l.startsWith(metric + "_sum")) {
                sum += v;
            } else if (l.startsWith(metric + "_count")) {
                count += v;
            }
        }
        return new Reading(sum, count);
    }

    /** The same from a live server; {@link Reading#NONE} when it cannot be read. */
    static Reading read(HttpTarget server, String metric, String labels) {
        try {
            return read(server.get("/metrics"), metric, labels);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.NONE;
        } catch (IOException | RuntimeException e) {
            return Reading.NONE;
        }
    }
}
