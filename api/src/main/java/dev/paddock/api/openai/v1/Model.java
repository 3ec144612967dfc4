package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model, as {@code GET /v1/models} lists it.
 *
 * @param id its name
 * @param object always "model"
 * @param created epoch seconds
 * @param ownedBy always "paddock"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {

    public static Model of(String id, long created) {
        return new Model(id, "model", created, "paddock");
    }
}
