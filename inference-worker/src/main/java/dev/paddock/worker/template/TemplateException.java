package dev.paddock.worker.template;

/**
 * A chat template that cannot be compiled or rendered: a syntax error, a construct this engine
 * does not support, or a template's own {@code raise_exception(message)} (then the message is the
 * template's, unchanged, as Python's {@code TemplateError} would carry it).
 */
public class TemplateException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the client or the operator */
    public TemplateException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
