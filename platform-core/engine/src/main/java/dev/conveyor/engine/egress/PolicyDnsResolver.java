package dev.conveyor.engine.egress;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's resolver: resolves through the {@link EgressPolicy} and hands the client only the addresses it
 * allows, which are the ones the client connects to. The check and the connection use the same answer, so a host
 * that resolves to a public address for the check and to an internal one a moment later (DNS rebinding) gains nothing.
 */
final class PolicyDnsResolver implements DnsResolver {

    private final EgressPolicy policy;

    PolicyDnsResolver(EgressPolicy policy) {
        this.policy = requireNonNull(policy, "policy is null");
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return policy.permittedAddresses(host, port).stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** Without a port only an address allowed for any port passes (the client always asks with one). */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.permittedAddresses(host, -1).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
