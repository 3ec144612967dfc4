package dev.paddock.pull;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A source answered with an HTTP status other than a success (or a redirect that was followed). The message names
 * the URL asked and, after redirects, the one that answered, both without user info, query or fragment: those may hold
 * a token or a signature.
 */
public final class HttpStatusException extends IOException {

    private final int status;

    HttpStatusException(URI asked, URI answered, int status) {
        super("GET " + redacted(asked) + " answered HTTP " + status + (answered == null
                || redacted(answered).equals(redacted(asked)) ? "" : " (at " + redacted(answered) + ")"));
        this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /**
     * Whether the status says the request itself is wrong (4xx: not found, unauthorized, forbidden, ...), so the same
     * request would be answered the same; 408 Request Timeout and 429 Too Many Requests are not: they may pass later.
     */
    public boolean clientError() {
        return clientError(status);
    }

    /** Whether an HTTP status is such a client error (see {@link #clientError()}). */
    public static boolean clientError(int status) {
        return status / 100 == 4 && status != 408 && status != 429;
    }

    /** The URL without user info, query and fragment. */
    static String redacted(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }
}
