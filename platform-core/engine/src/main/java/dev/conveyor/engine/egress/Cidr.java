package dev.conveyor.engine.egress;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A block of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
record Cidr(byte[] prefix, int bits) {

    Cidr {
        requireNonNull(prefix, "prefix is null");
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("a /" + bits + " prefix does not fit a " + prefix.length * 8 + "-bit address");
        }
    }

    /**
     * Parses {@code address/bits}, or a bare address as a block of one.
     *
     * @throws IllegalArgumentException when it is not an IP address literal with an optional prefix length
     */
    static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literal(address);
        int bits;
        try {
            bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length after its '/'");
        }
        return new Cidr(bytes, bits);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[whole] & mask) == (prefix[whole] & mask);
    }

    /** The bytes of an IP address literal (never a host name: nothing is looked up). */
    static byte[] literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean ipv4 = address.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        boolean ipv6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address (dotted IPv4 or IPv6)");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address (dotted IPv4 or IPv6)");
        }
    }
}
