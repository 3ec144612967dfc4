package dev.paddock.manager.placement;

import java.util.List;
import java.util.Map;

/**
 * Where a model's weights go.
 *
 * @param nodes chosen node names, in order of preference; empty when none fits
 * @param evictions models to evict first, by chosen node, least recently used first
 * @param full eligible nodes left out for want of cache space, each described (free, size, why)
 */
public record Placement(List<String> nodes, Map<String, List<CacheEntry>> evictions, List<String> full) {
}
