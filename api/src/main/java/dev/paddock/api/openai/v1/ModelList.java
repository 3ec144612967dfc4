package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The response of {@code GET /v1/models}.
 *
 * @param object always "list"
 * @param data the models
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(String object, List<Model> data) {

    public static ModelList of(List<Model> data) {
        return new ModelList("list", data);
    }
}
