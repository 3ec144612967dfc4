/**
 * The inference contract between the gateway and the inference workers, version 1: one
 * {@link dev.paddock.api.inference.v1.GenerateRequest} in, a stream of
 * {@link dev.paddock.api.inference.v1.Chunk}s out. In the single process it is called in memory;
 * in a cluster the same records travel over Kafka and gRPC.
 */
package dev.paddock.api.inference.v1;
