package dev.paddock.manager.placement;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import java.util.Set;

/**
 * What a model asks of placement.
 *
 * @param spec the model
 * @param needBytes space the model takes in a cache (0 when unknown: it then fits anywhere)
 * @param holding nodes that already hold (or are pulling) this model
 * @param excluded nodes it must not go to (it was evicted from them a short while ago)
 * @param mayEvict whether it may evict other models to make room (it wants workers now)
 */
public record Demand(ModelResourceSpec spec, long needBytes, Set<String> holding, Set<String> excluded,
        boolean mayEvict) {
}
