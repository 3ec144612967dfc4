package dev.paddock.pull;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts weights may be downloaded from. A host must match the allowlist (exact names, or
 * {@code *.suffix}; an empty list allows any host) and, unless private addresses are allowed, must
 * not be a cluster-internal name or resolve to a loopback, link-local, site-local, unique-local,
 * wildcard or multicast address: a Model must not turn the puller into a probe of the cluster.
 * The scheme must be {@code https}; plain {@code http} only where private addresses are allowed (a
 * server in the cluster or on the machine, as in development and tests, or the local mode), never
 * {@code file:} or any other: reading the puller's own file system is not a download.
 *
 * @param hosts allowed host names or {@code *.suffix} patterns; empty = any host
 * @param allowPrivate whether loopback, link-local, private and cluster-internal addresses may be used
 */
public record SourcePolicy(Set<String> hosts, boolean allowPrivate) {

    /** Any host, private addresses included: the local mode, where the user wrote the config. */
    public static final SourcePolicy ANY = new SourcePolicy(Set.of(), true);

    private static final Set<String> INTERNAL_SUFFIXES = Set.of(".svc", ".cluster.local", ".internal", ".local",
            "localhost");

    public SourcePolicy {
        hosts = Set.copyOf(hosts);
    }

    /**
     * Checks that a URL may be fetched.
     *
     * @throws IOException naming the URL and the reason when it may not
     */
    public void check(URI url) throws IOException {
        checkScheme(url);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IOException("source " + url + " has no host");
        }
        if (!hosts.isEmpty() && hosts.stream().noneMatch(p -> matches(p.toLowerCase(Locale.ROOT), host))) {
            throw new IOException("source host " + host + " is not in the allowed hosts " + hosts);
        }
        if (allowPrivate) {
            return;
        }
        if (INTERNAL_SUFFIXES.stream().anyMatch(host::endsWith)) {
            throw new IOException("source host " + host + " is cluster-internal; private addresses are not allowed");
        }
        for (InetAddress a : resolve(host)) {
            if (isPrivate(a)) {
                throw new IOException("source host " + host + " resolves to the private address "
                        + a.getHostAddress() + "; private addresses are not allowed");
            }
        }
    }

    /**
     * Checks a URL's scheme alone: {@code https}, or {@code http} where private addresses are allowed.
     *
     * @throws IOException naming the URL and what is allowed when it may not be fetched
     */
    public void checkScheme(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && allowPrivate)) {
            return;
        }
        String allowed = allowPrivate ? "https or http" : "https (plain http only where private addresses are allowed)";
        throw new IOException("source " + url + " is not allowed: the scheme must be " + allowed
                + (scheme.isEmpty() ? ", not a file path" : ", not " + scheme + ":"));
    }

    private static boolean matches(String pattern, String host) {
        return pattern.startsWith("*.") ? host.endsWith(pattern.substring(1)) : pattern.equals(host);
    }

    private static InetAddress[] resolve(String host) throws IOException {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("source host " + host + " does not resolve", e);
        }
    }

    static boolean isPrivate(InetAddress a) {
        boolean uniqueLocal = a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
        return a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || uniqueLocal;
    }
}
