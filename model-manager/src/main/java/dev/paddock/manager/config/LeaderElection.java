package dev.paddock.manager.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;

/**
 * JOSDK's Lease-based leader election for the operator: quarkus-operator-sdk picks this bean up when the active
 * profile is one of {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod). The replicas that
 * do not hold the Lease start no reconciler; when the holder stops renewing, another takes the Lease over.
 */
public class LeaderElection {

    @Produces
    @ApplicationScoped
    LeaderElectionConfiguration leaderElection(ManagerConfig config) {
        ManagerConfig.LeaderElection le = config.leaderElection();
        return configuration(le.leaseName(),
                le.leaseNamespace().or(() -> env("POD_NAMESPACE")).orElse(null),
                le.identity().or(() -> env("POD_NAME")).orElse(null), true);
    }

    /**
     * The Lease {@code leaseName} in {@code namespace} (null: the client's) held as {@code identity} (null: the
     * host name), with JOSDK's default durations. With {@code exitOnLoss} a replica that loses the Lease exits
     * (Kubernetes restarts it as a follower): JOSDK keeps the controllers of a replica that lost it running, so
     * without exiting it could reconcile next to the new leader. JOSDK's builder defaults to not exiting, hence
     * the constructor; tests that stop an operator in their own JVM pass false.
     */
    public static LeaderElectionConfiguration configuration(String leaseName, String namespace, String identity,
            boolean exitOnLoss) {
        return new LeaderElectionConfiguration(leaseName, namespace,
                LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
                LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, identity, null, exitOnLoss);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
