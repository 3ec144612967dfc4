package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepEndTest {

    private final List<String> ran = new ArrayList<>();

    @Test
    void outsideAStepNothingIsDeferred() {
        assertThat(StepEnd.defer(() -> ran.add("x"))).isFalse();
        new StepEnd().end();
        assertThat(ran).isEmpty();
    }

    @Test
    void deferredWorkRunsOnceEachInOrderWhenTheStepEnds() {
        Runnable a = () -> ran.add("a");
        Runnable b = () -> ran.add("b");
        StepEnd step = new StepEnd();
        step.begin();
        assertThat(StepEnd.defer(a)).isTrue();
        assertThat(StepEnd.defer(b)).isTrue();
        assertThat(StepEnd.defer(a)).isTrue();
        assertThat(ran).as("nothing runs during the step").isEmpty();
        step.end();
        assertThat(ran).containsExactly("a", "b");
        assertThat(StepEnd.defer(a)).as("after the step").isFalse();
        step.begin();
        StepEnd.defer(b);
        step.end();
        assertThat(ran).as("the next step starts empty").containsExactly("a", "b", "b");
    }

    @Test
    void aFailingActionDoesNotStopTheOthersNorTheEngine() {
        StepEnd step = new StepEnd();
        step.begin();
        StepEnd.defer(() -> {
            throw new IllegalStateException("broken stream");
        });
        StepEnd.defer(() -> ran.add("after"));
        step.end();
        assertThat(ran).containsExactly("after");
    }

    @Test
    void anotherThreadIsNotInTheStep() throws InterruptedException {
        StepEnd step = new StepEnd();
        step.begin();
        boolean[] deferred = {true};
        Thread t = Thread.ofPlatform().start(() -> deferred[0] = StepEnd.defer(() -> ran.add("other")));
        t.join();
        step.end();
        assertThat(deferred[0]).isFalse();
        assertThat(ran).isEmpty();
    }
}
