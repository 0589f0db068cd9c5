package dev.conveyor.engine.outage;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class OutagesTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("pool timed out waiting for a connection",
                        new PersistenceException(new SQLTransientConnectionException("conveyor_app - Connection is not available")), true),
                Arguments.of("connection lost mid-transaction (08006)",
                        new PersistenceException(new SQLException("An I/O error occurred", "08006")), true),
                Arguments.of("server shutting down (57P01)", new SQLException("terminating connection", "57P01"), true),
                Arguments.of("server starting up (57P03)", new SQLException("the database system is starting up", "57P03"), true),
                Arguments.of("too many connections (53300)", new SQLException("too many clients", "53300"), true),
                Arguments.of("claimed payload unreachable",
                        new Outages.InfrastructureUnavailableException("blob service away", new RuntimeException()), true),
                Arguments.of("unique violation (23505) is the handler's",
                        new PersistenceException(new SQLException("duplicate key", "23505")), false),
                Arguments.of("row-level security refusal (42501) is the handler's", new SQLException("new row violates", "42501"), false),
                Arguments.of("a third party the handler calls is unreachable",
                        new IllegalStateException("sync failed", new ConnectException("Connection refused")), false),
                Arguments.of("a handler's own bug", new NullPointerException(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void anOutageOfThePlatformsOwnInfrastructureIsToldFromTheHandlersFailure(String name, Throwable failure, boolean outage) {
        assertThat(Outages.isOutage(failure)).isEqualTo(outage);
    }
}
