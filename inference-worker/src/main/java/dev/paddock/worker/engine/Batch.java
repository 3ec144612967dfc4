package dev.paddock.worker.engine;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.paddock.worker.llama.LlamaLayouts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A llama_batch whose arrays Paddock allocates and owns (one sequence id per token). It is
 * refilled before every decode step; {@link #struct()} is passed to llama_decode by value.
 */
final class Batch {

    private final int capacity;
    private final MemorySegment struct;
    private final MemorySegment tokens;
    private final MemorySegment positions;
    private final MemorySegment seqIds;
    private final MemorySegment outputs;
    private int size;

    Batch(Arena arena, int capacity) {
        this.capacity = capacity;
        this.struct = arena.allocate(LlamaLayouts.BATCH);
        this.tokens = arena.allocate(JAVA_INT, capacity);
        this.positions = arena.allocate(JAVA_INT, capacity);
        this.seqIds = arena.allocate(JAVA_INT, capacity);
        this.outputs = arena.allocate(JAVA_BYTE, capacity);
        MemorySegment seqCounts = arena.allocate(JAVA_INT, capacity);
        MemorySegment seqIdPointers = arena.allocate(ADDRESS, capacity);
        for (int i = 0; i < capacity; i++) {
            seqCounts.setAtIndex(JAVA_INT, i, 1);
            seqIdPointers.setAtIndex(ADDRESS, i, seqIds.asSlice((long) i * Integer.BYTES, Integer.BYTES));
        }
        set("token", tokens);
        set("embd", MemorySegment.NULL);
        set("pos", positions);
        set("n_seq_id", seqCounts);
        set("seq_id", seqIdPointers);
        set("logits", outputs);
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    int free() {
        return capacity - size;
    }

    void clear() {
        size = 0;
    }

    /** Adds one token and returns its index in the batch (the index of its logits when output is true). */
    int add(int token, int position, int sequence, boolean output) {
        int i = size++;
        tokens.setAtIndex(JAVA_INT, i, token);
        positions.setAtIndex(JAVA_INT, i, position);
        seqIds.setAtIndex(JAVA_INT, i, sequence);
        outputs.setAtIndex(JAVA_BYTE, i, (byte) (output ? 1 : 0));
        return i;
    }

    MemorySegment struct() {
        struct.set(JAVA_INT, LlamaLayouts.BATCH.byteOffset(groupElement("n_tokens")), size);
        return struct;
    }

    private void set(String field, MemorySegment value) {
        struct.set(ADDRESS, LlamaLayouts.BATCH.byteOffset(groupElement(field)), value);
    }
}
