package dev.conveyor.engine.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges that lead inside the platform's network, or nowhere, rather than to the internet. IPv6 forms
 * that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
final class InternalRanges {

    private record Range(String name, Cidr block) {
    }

    private static final List<Range> RANGES = List.of(
            new Range("unspecified", Cidr.parse("0.0.0.0/8")),
            new Range("private", Cidr.parse("10.0.0.0/8")),
            new Range("carrier-grade NAT", Cidr.parse("100.64.0.0/10")),
            new Range("loopback", Cidr.parse("127.0.0.0/8")),
            new Range("link-local", Cidr.parse("169.254.0.0/16")),
            new Range("private", Cidr.parse("172.16.0.0/12")),
            new Range("IETF protocol assignments", Cidr.parse("192.0.0.0/24")),
            new Range("private", Cidr.parse("192.168.0.0/16")),
            new Range("benchmarking", Cidr.parse("198.18.0.0/15")),
            new Range("multicast", Cidr.parse("224.0.0.0/4")),
            new Range("reserved", Cidr.parse("240.0.0.0/4")),
            new Range("unspecified", Cidr.parse("::/128")),
            new Range("loopback", Cidr.parse("::1/128")),
            new Range("unique-local", Cidr.parse("fc00::/7")),
            new Range("link-local", Cidr.parse("fe80::/10")),
            new Range("site-local", Cidr.parse("fec0::/10")),
            new Range("multicast", Cidr.parse("ff00::/8")));

    /** Built from bytes: Java turns a parsed {@code ::ffff:a.b.c.d} into an IPv4 address (which is then judged as such). */
    private static final Cidr IPV4_MAPPED = new Cidr(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96);
    private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private InternalRanges() {
    }

    /** The name of the internal range {@code address} is in, or empty for an address on the internet. */
    static Optional<String> of(InetAddress address) {
        for (Range range : RANGES) {
            if (range.block().contains(address)) {
                return Optional.of(range.name());
            }
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16) {
            if (IPV4_MAPPED.contains(address) || IPV4_COMPATIBLE.contains(address) || NAT64.contains(address)) {
                return of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
            }
            if (SIX_TO_FOUR.contains(address)) {
                return of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
            }
        }
        return Optional.empty();
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
