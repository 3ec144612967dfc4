package dev.paddock.manager.reconciler;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** What Kubernetes' Job controller writes into a Job's status, for tests on the mock API server (which runs no pods). */
public final class JobController {

    private JobController() {
    }

    /** The Job's pod runs. */
    public static void started(KubernetesClient client, Job job) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    j.setStatus(new JobStatus());
                    j.getStatus().setActive(1);
                    return j;
                });
    }

    /** The Job's pod exited 0. */
    public static void completed(KubernetesClient client, Job job) {
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .editStatus(j -> {
                    j.setStatus(new JobStatus());
                    j.getStatus().setSucceeded(1);
                    j.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Complete")
                            .withStatus("True").build()));
                    return j;
                });
    }
}
