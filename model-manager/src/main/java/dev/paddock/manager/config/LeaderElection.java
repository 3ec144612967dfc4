package dev.paddock.manager.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
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
                le.identity().or(() -> env("POD_NAME")).orElse(null)).build();
    }

    /**
     * The Lease {@code leaseName} in {@code namespace} (null: the client's) held as {@code identity} (null: the
     * host name). Built with {@code build()}, a replica that loses the Lease exits (JOSDK's default; Kubernetes
     * restarts it as a follower) instead of possibly reconciling next to the new leader; tests that stop an
     * operator in their own JVM use {@code buildForTest(false)}.
     */
    public static LeaderElectionConfigurationBuilder configuration(String leaseName, String namespace,
            String identity) {
        LeaderElectionConfigurationBuilder builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                leaseName);
        if (namespace != null) {
            builder.withLeaseNamespace(namespace);
        }
        if (identity != null) {
            builder.withIdentity(identity);
        }
        return builder;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
