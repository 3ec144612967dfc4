package dev.paddock.manager.reconciler;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Objects;

/** How a Job ended, as the Job controller reports it in the Job's status. */
final class JobOutcome {

    private JobOutcome() {
    }

    static boolean succeeded(Job job) {
        return job != null && job.getStatus() != null && (hasCondition(job, "Complete")
                || Objects.requireNonNullElse(job.getStatus().getSucceeded(), 0) > 0);
    }

    static boolean failed(Job job) {
        return job != null && job.getStatus() != null && hasCondition(job, "Failed");
    }

    static boolean finished(Job job) {
        return succeeded(job) || failed(job);
    }

    static boolean active(Job job) {
        return job != null && job.getStatus() != null && Objects.requireNonNullElse(job.getStatus().getActive(), 0) > 0;
    }

    private static boolean hasCondition(Job job, String type) {
        List<JobCondition> conditions = job.getStatus().getConditions();
        return conditions != null && conditions.stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
