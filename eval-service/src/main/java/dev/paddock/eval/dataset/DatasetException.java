package dev.paddock.eval.dataset;

/** A dataset that cannot be read or whose items are malformed; the message names the source and line. */
public class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }
}
