package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A function call made by the assistant, in a response message, a streamed delta (where {@code index}
 * says which call a fragment belongs to and later fragments carry only arguments) or a request's
 * assistant message.
 *
 * @param index position of the call, in streamed deltas only
 * @param id the call's id ({@code call_...})
 * @param type always "function"
 * @param function name and arguments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(Integer index, String id, String type, FunctionCall function) {

    /** A complete call, as a non-streamed message carries it. */
    public static ToolCall of(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
    }

    /**
     * The function called.
     *
     * @param name the function's name
     * @param arguments its arguments, a JSON document as text (a fragment of one in a streamed delta)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(String name, String arguments) {
    }
}
