package dev.conveyor.engine.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.egress.EgressPolicy.RefusedAddressException;
import dev.conveyor.sdk.EgressException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which addresses lead inside the network, and what the operator's allowances open. */
final class EgressPolicyTest {

    /** An address literal and the internal range it is in, or null for one on the internet. */
    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("0.0.0.0", "unspecified"),
                Arguments.of("0.1.2.3", "unspecified"),
                Arguments.of("127.0.0.1", "loopback"),
                Arguments.of("127.255.255.254", "loopback"),
                Arguments.of("169.254.169.254", "link-local"), // cloud metadata
                Arguments.of("169.254.0.1", "link-local"),
                Arguments.of("10.0.0.1", "private"),
                Arguments.of("10.255.255.255", "private"),
                Arguments.of("172.16.0.1", "private"),
                Arguments.of("172.31.255.255", "private"),
                Arguments.of("192.168.1.1", "private"),
                Arguments.of("100.64.0.1", "carrier-grade NAT"),
                Arguments.of("100.127.255.255", "carrier-grade NAT"),
                Arguments.of("224.0.0.1", "multicast"),
                Arguments.of("239.255.255.250", "multicast"),
                Arguments.of("255.255.255.255", "reserved"),
                Arguments.of("192.0.0.170", "IETF protocol assignments"),
                Arguments.of("198.18.0.1", "benchmarking"),
                Arguments.of("::", "unspecified"),
                Arguments.of("::1", "loopback"),
                Arguments.of("fe80::1", "link-local"),
                Arguments.of("febf::1", "link-local"),
                Arguments.of("fec0::1", "site-local"),
                Arguments.of("fc00::1", "unique-local"),
                Arguments.of("fd12:3456:789a::1", "unique-local"),
                Arguments.of("ff02::1", "multicast"),
                Arguments.of("::ffff:127.0.0.1", "loopback"),           // IPv4-mapped
                Arguments.of("::ffff:a9fe:a9fe", "link-local"),         // IPv4-mapped 169.254.169.254
                Arguments.of("::ffff:10.0.0.1", "private"),
                Arguments.of("::127.0.0.1", "loopback"),                // IPv4-compatible
                Arguments.of("64:ff9b::a9fe:a9fe", "link-local"),       // NAT64 of 169.254.169.254
                Arguments.of("2002:7f00:1::", "loopback"),              // 6to4 of 127.0.0.1
                Arguments.of("2002:c0a8:101::1", "private"),            // 6to4 of 192.168.1.1
                Arguments.of("8.8.8.8", null),
                Arguments.of("1.1.1.1", null),
                Arguments.of("172.32.0.1", null),
                Arguments.of("100.128.0.1", null),
                Arguments.of("169.255.0.1", null),
                Arguments.of("11.0.0.1", null),
                Arguments.of("2606:4700:4700::1111", null),
                Arguments.of("2001:4860:4860::8888", null),
                Arguments.of("::ffff:8.8.8.8", null),
                Arguments.of("2002:808:808::", null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("addresses")
    void classifiesEveryInternalRange(String literal, String range) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(InternalRanges.of(address)).isEqualTo(Optional.ofNullable(range));
        assertThat(EgressPolicy.internetOnly().permits(literal, address, 443)).isEqualTo(range == null);
    }

    /** Hosts as a tenant may write them that all lead to loopback: refused before any connection. */
    static Stream<String> loopbackHosts() {
        return Stream.of("localhost", "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1",
                "017700000001", "[::1]", "::1", "[::ffff:127.0.0.1]", "0.0.0.0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loopbackHosts")
    void refusesEveryWayOfWritingLoopback(String host) {
        assertThatThrownBy(() -> EgressPolicy.internetOnly().permittedAddresses(host, 8080))
                .isInstanceOf(RefusedAddressException.class);
    }

    /** Written as numbers but not as a dotted quad: resolvers, browsers and curl read them differently. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ambiguousNumericHosts")
    void refusesNumericHostsOtherThanADottedQuadInTheUrl(String host) {
        assertThatThrownBy(() -> EgressPolicy.internetOnly().checkUrl(URI.create("http://" + host + ":8080/x")))
                .isInstanceOf(EgressException.class)
                .hasMessage("refused by egress policy");
    }

    static Stream<String> ambiguousNumericHosts() {
        return Stream.of("2130706433", "127.1", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "017700000001", "134744072");
    }

    @Test
    void refusesUrlsThatAreNotHttpOrCarryCredentials() {
        for (String url : List.of("file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "http://user:pw@example.com/",
                "mailto:someone@example.com")) {
            assertThatThrownBy(() -> EgressPolicy.internetOnly().checkUrl(URI.create(url))).as(url)
                    .isInstanceOf(EgressException.class);
        }
    }

    @Test
    void theOperatorAllowsBlocksAndHostPortsAndNothingMore() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.allowing(List.of("127.0.0.1:8089", "10.20.0.0/16", "[::1]:9000", "ehr.internal:443",
                "192.168.7.7"));

        assertThat(policy.permits("127.0.0.1", InetAddress.getByName("127.0.0.1"), 8089)).isTrue();
        assertThat(policy.permits("localhost", InetAddress.getByName("127.0.0.1"), 8089)).isTrue();
        assertThat(policy.permits("127.0.0.1", InetAddress.getByName("127.0.0.1"), 8090)).isFalse();
        assertThat(policy.permits("127.0.0.2", InetAddress.getByName("127.0.0.2"), 8089)).isFalse();
        assertThat(policy.permits("10.20.3.4", InetAddress.getByName("10.20.3.4"), 5432)).isTrue();
        assertThat(policy.permits("10.21.0.1", InetAddress.getByName("10.21.0.1"), 80)).isFalse();
        assertThat(policy.permits("::1", InetAddress.getByName("::1"), 9000)).isTrue();
        assertThat(policy.permits("::1", InetAddress.getByName("::1"), 9001)).isFalse();
        assertThat(policy.permits("ehr.internal", InetAddress.getByName("10.9.9.9"), 443)).isTrue();
        assertThat(policy.permits("other.internal", InetAddress.getByName("10.9.9.9"), 443)).isFalse();
        assertThat(policy.permits("192.168.7.7", InetAddress.getByName("192.168.7.7"), 1)).isTrue();
        assertThat(policy.permits("169.254.169.254", InetAddress.getByName("169.254.169.254"), 80)).isFalse();
        assertThat(policy.permittedAddresses("127.0.0.1", 8089)).containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void namesEveryMalformedAllowance() {
        assertThatThrownBy(() -> EgressPolicy.allowing(List.of("10.0.0.0/8", "not-an-ip/8", "host:99999", "10.0.0.0/33", "ehr")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not-an-ip/8'")
                .hasMessageContaining("'host:99999'")
                .hasMessageContaining("'10.0.0.0/33'")
                .hasMessageContaining("'ehr'")
                .hasMessageNotContaining("'10.0.0.0/8'");
    }
}
