package dev.paddock.server.openai;

import static io.restassured.RestAssured.given;

import java.net.URI;

/** Reads samples from a server's {@code /metrics} (Prometheus text format). */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The sum of a metric's samples whose labels include all the given ones ({@code model="x"}); 0 when
     * there are none yet.
     */
    static double value(String name, String... labels) {
        String text = given().accept("text/plain").get("/metrics").then().statusCode(200).extract().asString();
        return valueIn(text, name, labels);
    }

    /** The {@code /metrics} page of the server at {@code root}. */
    public static String scrape(URI root) {
        return given().baseUri(root.toString()).accept("text/plain").get("/metrics").then().statusCode(200)
                .extract().asString();
    }

    /** As {@link #value(String, String...)}, in a page already scraped. */
    public static double valueIn(String text, String name, String... labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (matches(line, name, labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static boolean matches(String line, String name, String... labels) {
        if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
            return false;
        }
        for (String label : labels) {
            if (!line.contains(label)) {
                return false;
            }
        }
        return true;
    }
}
