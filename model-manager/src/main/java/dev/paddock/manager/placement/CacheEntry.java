package dev.paddock.manager.placement;

import java.time.Instant;

/**
 * One other model's weights in a node's cache, as placement sees them.
 *
 * @param namespace the model's namespace
 * @param model the model's resource name
 * @param bytes space it takes
 * @param lastUsed when a ready worker last ran with it on the node (null: never)
 * @param evictable whether it may be evicted: its pull finished and no worker of it is on the node
 */
public record CacheEntry(String namespace, String model, long bytes, Instant lastUsed, boolean evictable) {
}
