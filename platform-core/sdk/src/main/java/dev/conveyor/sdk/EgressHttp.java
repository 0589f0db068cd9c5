package dev.conveyor.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The platform's client for calls out of it (webhooks, systems of record): the only way a plugin should reach
 * another server. The platform resolves the host, refuses addresses inside its network (loopback, link-local and
 * cloud metadata, private, carrier-grade NAT, unique-local, multicast, unspecified) unless its operator allowed
 * them, connects to the address it checked, follows no redirect, bounds the whole call by the timeout and the
 * response by a size limit. A plugin gets it through {@link HandlerContext#afterCommit}, so no call ever runs
 * inside a database transaction.
 */
public interface EgressHttp {

    /**
     * POSTs {@code body} to {@code uri} and returns the answer, whatever its status.
     *
     * @param headers request headers (Content-Type among them)
     * @param timeout the whole call's deadline: connecting, sending, the answer's headers and body (the platform
     *                may cap it)
     * @throws EgressException when there is no answer: refused by the policy, timed out, connection failed, or
     *                         an answer too large; its message is the category alone, fit to show a tenant
     */
    EgressResponse post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws EgressException;
}
