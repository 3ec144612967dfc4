package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache.Phase;
import dev.paddock.manager.children.Children;
import dev.paddock.manager.children.Labels;
import dev.paddock.manager.children.PullJobs;
import dev.paddock.manager.children.WorkerDeployment;
import dev.paddock.manager.config.ManagerConfig;
import dev.paddock.manager.kafka.RequestTopics;
import dev.paddock.manager.kafka.RequestTopics.KafkaUnavailable;
import dev.paddock.manager.placement.NodePlacement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One pass over a Model: choose nodes, make one pull Job per chosen node, read their cache state,
 * make the request topic, size and make the worker Deployment, and compute the status that results.
 * Every step creates or changes a child only when it differs from what is wanted.
 */
@ApplicationScoped
class ModelPlan {

    private final PullJobs pullJobs;
    private final WorkerDeployment workers;
    private final NodePlacement placement;
    private final RequestTopics topics;
    private final ReplicaScaler scaler;

    ModelPlan(ManagerConfig config, RequestTopics topics) {
        this.pullJobs = new PullJobs(config);
        this.workers = new WorkerDeployment(config);
        this.placement = new NodePlacement(config.gpuProductLabel(), config.cache().sizeBytes());
        this.topics = topics;
        this.scaler = new ReplicaScaler(config.kafka().targetQueuePerReplica());
    }

    ModelStatus apply(Model model, Context<Model> context) {
        KubernetesClient client = context.getClient();
        ModelStatus before = model.getStatus();
        ModelStatus status = new ModelStatus();
        long generation = model.getMetadata().getGeneration();
        status.observedGeneration = generation;
        status.nodes = pull(model, client, chooseNodes(model, context), before);
        List<String> ready = status.nodes.stream().filter(n -> n.phase == Phase.Ready).map(n -> n.node).toList();
        cachedCondition(status, before, generation);
        String topic = topics.topic(model.servedName());
        String kafkaProblem = topic(model, topic);
        long lag = lag(model, topic);
        status.lastActive = lag > 0 ? Instant.now().toString() : lastActive(model, before);
        status.nodes.stream().filter(n -> n.phase == Phase.Ready).forEach(n -> n.lastUsed = status.lastActive);
        Integer current = before == null ? null : before.desiredReplicas;
        int desired = scaler.desired(model.getSpec(), kafkaProblem != null ? -1 : lag, current,
                Instant.parse(status.lastActive), Instant.now());
        int readyReplicas = ready.isEmpty() ? 0 : serve(model, client, ready, desired);
        status.desiredReplicas = desired;
        status.replicas = readyReplicas;
        status.selector = WorkerDeployment.selector(model);
        status.endpoint = topic;
        servingConditions(status, before, generation, desired, readyReplicas, kafkaProblem);
        return status;
    }

    private List<String> chooseNodes(Model model, Context<Model> context) {
        List<Node> nodes = context.getClient().nodes().list().getItems();
        Set<String> holding = new HashSet<>();
        long need = model.getSpec().cacheSize == null ? 0 : model.getSpec().cacheSize.getNumericalAmount().longValue();
        if (model.getStatus() != null) {
            model.getStatus().nodes.forEach(n -> holding.add(n.node));
            need = Math.max(need, model.getStatus().nodes.stream().map(n -> n.bytes).filter(Objects::nonNull)
                    .mapToLong(Long::longValue).max().orElse(0));
        }
        return placement.choose(nodes, model.getSpec(), need, usedByOthers(model, context), holding);
    }

    private static Map<String, Long> usedByOthers(Model model, Context<Model> context) {
        return context.getPrimaryCache().list().filter(m -> !m.getMetadata().getUid().equals(model.getMetadata().getUid()))
                .filter(m -> m.getStatus() != null).flatMap(m -> m.getStatus().nodes.stream()
                        .map(n -> Map.entry(n.node, n.bytes != null ? n.bytes : reserved(m))))
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.summingLong(Map.Entry::getValue)));
    }

    private static long reserved(Model m) {
        return m.getSpec().cacheSize == null ? 0 : m.getSpec().cacheSize.getNumericalAmount().longValue();
    }

    private List<NodeCache> pull(Model model, KubernetesClient client, List<String> nodes, ModelStatus before) {
        CacheStates states = new CacheStates(client);
        Set<String> wanted = nodes.stream().map(n -> PullJobs.name(model, n)).collect(Collectors.toSet());
        client.batch().v1().jobs().inNamespace(model.getMetadata().getNamespace())
                .withLabels(Labels.of(model, PullJobs.COMPONENT)).list().getItems().stream()
                .filter(j -> !wanted.contains(j.getMetadata().getName())).forEach(j -> client.resource(j).delete());
        return nodes.stream().map(node -> {
            Job job = Children.apply(client, pullJobs.desired(model, node), true);
            NodeCache was = before == null ? null : before.nodes.stream().filter(n -> node.equals(n.node)).findFirst()
                    .orElse(null);
            return states.read(node, job, was, model.getSpec().sha256);
        }).toList();
    }

    private String topic(Model model, String topic) {
        try {
            topics.ensure(topic, model.getSpec().maxReplicas);
            return null;
        } catch (KafkaUnavailable e) {
            return "topic " + topic + ": " + e.getMessage();
        }
    }

    private long lag(Model model, String topic) {
        try {
            return topics.lag(topic, topics.group(model.servedName()));
        } catch (KafkaUnavailable e) {
            return 0;
        }
    }

    private static String lastActive(Model model, ModelStatus before) {
        if (before != null && before.lastActive != null) {
            return before.lastActive;
        }
        String created = model.getMetadata().getCreationTimestamp();
        return created != null ? Instant.parse(created).toString() : Instant.now().toString();
    }

    private int serve(Model model, KubernetesClient client, List<String> readyNodes, int replicas) {
        Deployment d = Children.apply(client, workers.desired(model, readyNodes, replicas), false);
        Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private static void cachedCondition(ModelStatus status, ModelStatus before, long generation) {
        List<NodeCache> failed = status.nodes.stream().filter(n -> n.phase == Phase.Failed).toList();
        boolean all = !status.nodes.isEmpty() && status.nodes.stream().allMatch(n -> n.phase == Phase.Ready);
        String reason = status.nodes.isEmpty() ? "NoEligibleNode" : all ? "Pulled" : !failed.isEmpty() ? "PullFailed"
                : "Pulling";
        String message = status.nodes.isEmpty() ? "no node fits the model's GPU, selector, affinity, taints and cache size"
                : !failed.isEmpty() ? failed.getFirst().node + ": " + failed.getFirst().message
                : status.nodes.stream().filter(n -> n.phase == Phase.Ready).count() + "/" + status.nodes.size()
                        + " nodes hold the weights";
        Conditions.set(status, before, ModelStatus.CACHED, all, reason, message, generation);
    }

    private static void servingConditions(ModelStatus status, ModelStatus before, long generation, int desired,
            int ready, String kafkaProblem) {
        boolean cached = "True".equals(status.condition(ModelStatus.CACHED).getStatus());
        String reason = ready > 0 ? "WorkersReady" : desired == 0 ? "ScaledToZero" : cached ? "WorkersStarting"
                : "NotCached";
        Conditions.set(status, before, ModelStatus.SERVING, ready > 0, reason,
                ready + "/" + desired + " workers ready", generation);
        boolean ok = cached && kafkaProblem == null && (ready > 0 || desired == 0);
        String readyReason = kafkaProblem != null ? "TopicUnavailable" : !cached ? "NotCached"
                : ok ? (ready > 0 ? "Serving" : "ScaledToZero") : "WorkersStarting";
        String message = kafkaProblem != null ? kafkaProblem : ok ? "takes requests on " + status.endpoint
                : "waiting for workers";
        Conditions.set(status, before, ModelStatus.READY, ok, readyReason, message, generation);
    }
}
