package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The two waiting lines of a {@link GenerationScheduler} and the rule that keeps slots for interactive
 * work: interactive requests are admitted first and may take every slot, batch requests only up to
 * {@code slots - interactiveSlots} slots at once, so an interactive request finds a free slot even under
 * a flood of batch work. Each line has its own limit ({@link #wouldOverflow}), so a full batch line never
 * refuses an interactive request. Not thread-safe: the scheduler's lock guards it.
 */
final class WaitingLines {

    private final ArrayDeque<Generation> interactive = new ArrayDeque<>();
    private final ArrayDeque<Generation> background = new ArrayDeque<>();
    private final int slots;
    private final int batchSlots;

    WaitingLines(int slots, int interactiveSlots) {
        if (interactiveSlots < 0 || (interactiveSlots >= slots && slots > 1) || (slots == 1 && interactiveSlots > 0)) {
            throw new IllegalArgumentException("interactiveSlots must leave batch work at least one of " + slots
                    + " slots, got " + interactiveSlots);
        }
        this.slots = slots;
        this.batchSlots = slots - interactiveSlots;
    }

    /** The most slots batch requests may hold at once. */
    int batchSlots() {
        return batchSlots;
    }

    void add(Generation g) {
        (isBatch(g) ? background : interactive).addLast(g);
    }

    int size() {
        return interactive.size() + background.size();
    }

    boolean isEmpty() {
        return interactive.isEmpty() && background.isEmpty();
    }

    /**
     * Whether adding {@code g} would leave more than {@code maxQueued} requests of its class waiting once the
     * next admission has filled the slots each class may take (requests about to take a slot do not count).
     * Each class has its own line of {@code maxQueued}: waiting batch work never makes an interactive request
     * be refused, nor the other way round.
     */
    boolean wouldOverflow(Generation g, int running, int runningBatch, int maxQueued) {
        int free = Math.max(0, slots - running);
        if (!isBatch(g)) {
            return interactive.size() + 1 - Math.min(interactive.size() + 1, free) > maxQueued;
        }
        int freeForBatch = Math.min(free - Math.min(interactive.size(), free), Math.max(0, batchSlots - runningBatch));
        int b = background.size() + 1;
        return b - Math.min(b, freeForBatch) > maxQueued;
    }

    /** Removes and returns the requests that get a slot now: interactive first, then batch within its share. */
    List<Generation> take(int running, int runningBatch) {
        List<Generation> taken = new ArrayList<>();
        int free = slots - running;
        int batchRoom = batchSlots - runningBatch;
        while (taken.size() < free && !interactive.isEmpty()) {
            taken.add(interactive.pollFirst());
        }
        while (taken.size() < free && batchRoom > 0 && !background.isEmpty()) {
            taken.add(background.pollFirst());
            batchRoom--;
        }
        return taken;
    }

    /** Removes and returns every waiting request. */
    List<Generation> drain() {
        List<Generation> all = new ArrayList<>(interactive);
        all.addAll(background);
        interactive.clear();
        background.clear();
        return all;
    }

    static boolean isBatch(Generation g) {
        return g.request.priority() == Priority.BATCH;
    }
}
