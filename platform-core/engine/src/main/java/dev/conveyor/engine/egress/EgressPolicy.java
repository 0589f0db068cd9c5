package dev.conveyor.engine.egress;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressException.Category;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which addresses calls out of the platform may reach: any address on the internet, and inside the platform's
 * network ({@link InternalRanges}) only what the operator allows, as CIDR blocks ({@code 10.20.0.0/16}) or host and
 * port ({@code 127.0.0.1:8089}, {@code [::1]:8089}, {@code ehr.internal:443}). It is configuration of the platform,
 * never of a tenant: a tenant chooses URLs, and the policy decides whether they may be called.
 */
public final class EgressPolicy {

    /** A host written as numbers but not as a dotted quad ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}). */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0[xX][0-9a-fA-F]*|[0-9]+)(\\.(0[xX][0-9a-fA-F]*|[0-9]+)){0,3}\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private sealed interface Rule permits BlockRule, HostPortRule {
        boolean allows(String host, InetAddress address, int port);
    }

    private record BlockRule(Cidr block) implements Rule {
        @Override
        public boolean allows(String host, InetAddress address, int port) {
            return block.contains(address);
        }
    }

    private record HostPortRule(String host, byte[] literal, int port) implements Rule {
        @Override
        public boolean allows(String requestedHost, InetAddress address, int requestedPort) {
            if (requestedPort != port) {
                return false;
            }
            return literal != null ? Arrays.equals(literal, address.getAddress()) : host.equalsIgnoreCase(requestedHost);
        }
    }

    private final List<String> allowed;
    private final List<Rule> rules;

    private EgressPolicy(List<String> allowed, List<Rule> rules) {
        this.allowed = List.copyOf(allowed);
        this.rules = List.copyOf(rules);
    }

    /** Nothing inside the network is allowed: the default. */
    public static EgressPolicy internetOnly() {
        return new EgressPolicy(List.of(), List.of());
    }

    /**
     * The policy that also allows {@code allow}: CIDR blocks, bare IP addresses, or {@code host:port}.
     *
     * @throws IllegalArgumentException naming every entry that is none of these
     */
    public static EgressPolicy allowing(List<String> allow) {
        requireNonNull(allow, "allow is null");
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : allow) {
            try {
                rules.add(rule(requireNonNull(entry, "an allow entry is null").strip()));
            } catch (IllegalArgumentException e) {
                problems.add("'" + entry + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("conveyor.egress.allow has entries that are neither a CIDR block "
                    + "(10.20.0.0/16), an IP address nor host:port (127.0.0.1:8089, [::1]:8089, ehr.internal:443): "
                    + String.join("; ", problems));
        }
        return new EgressPolicy(allow, rules);
    }

    private static Rule rule(String entry) {
        if (entry.contains("/") || !hasPort(entry)) {
            return new BlockRule(Cidr.parse(entry));
        }
        int colon = entry.lastIndexOf(':');
        String host = entry.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + entry + "' has no valid port after its last ':'");
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new IllegalArgumentException("'" + entry + "' needs a host and a port from 1 to 65535");
        }
        boolean literal = host.startsWith("[") || DOTTED_QUAD.matcher(host).matches();
        return new HostPortRule(host, literal ? Cidr.literal(host) : null, port);
    }

    /** {@code host:port} or {@code [v6]:port}, as opposed to a bare IPv6 address, whose colons separate groups. */
    private static boolean hasPort(String entry) {
        if (entry.startsWith("[")) {
            return entry.contains("]:");
        }
        return entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':');
    }

    /** What the operator allowed, as configured. */
    public List<String> allowed() {
        return allowed;
    }

    /**
     * Checks what can be checked without resolving: an absolute http(s) URL with a host, without user info, whose
     * host is not a numeric form other than a dotted quad (which resolvers and browsers read differently).
     */
    void checkUrl(URI uri) throws EgressException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new EgressException(Category.REFUSED);
        }
        String host = uri.getHost();
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            throw new EgressException(Category.REFUSED);
        }
    }

    /**
     * Resolves {@code host} and keeps the addresses a call to {@code port} may connect to; these, and only these, are
     * then connected to, so that the host cannot resolve elsewhere between the check and the connection.
     *
     * @throws RefusedAddressException when it resolves to no address the policy allows
     * @throws UnknownHostException    when it does not resolve
     */
    public List<InetAddress> permittedAddresses(String host, int port) throws UnknownHostException {
        requireNonNull(host, "host is null");
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (NUMERIC_HOST.matcher(bare).matches() && !DOTTED_QUAD.matcher(bare).matches()) {
            throw new RefusedAddressException(host);
        }
        List<InetAddress> permitted = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(bare)) {
            if (permits(bare, address, port)) {
                permitted.add(address);
            }
        }
        if (permitted.isEmpty()) {
            throw new RefusedAddressException(host);
        }
        return List.copyOf(permitted);
    }

    /**
     * Why a tenant may not name {@code host:port} as {@code what} (its webhook endpoint, its provider), in words for a
     * 400; empty when the policy lets the platform call it. Checked again at every call.
     */
    public Optional<String> problemCalling(String host, int port, String what) {
        try {
            permittedAddresses(host, port);
            return Optional.empty();
        } catch (RefusedAddressException e) {
            return Optional.of("'" + host + "' is an address inside the platform's network (loopback, private,"
                    + " link-local or metadata), which " + what + " may not be; give a public address");
        } catch (UnknownHostException e) {
            return Optional.of("host '" + host + "' does not resolve; give a host name that does");
        }
    }

    /** Whether a call to {@code host} (as written in the URL) at {@code address} and {@code port} may be made. */
    public boolean permits(String host, InetAddress address, int port) {
        if (InternalRanges.of(address).isEmpty()) {
            return true;
        }
        for (Rule rule : rules) {
            if (rule.allows(host, address, port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "EgressPolicy[internet, and allowed: " + allowed + "]";
    }

    /** A host that resolved only to addresses the policy does not allow. */
    public static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super("the egress policy allows no address of " + host);
        }
    }
}
