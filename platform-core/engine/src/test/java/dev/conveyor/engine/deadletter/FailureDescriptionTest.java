package dev.conveyor.engine.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

final class FailureDescriptionTest {

    @Test
    void aDatabaseErrorIsDescribedByItsSqlStateAndConstraintNotByTheRowValuesItQuotes() {
        SQLException postgres = new SQLException("ERROR: duplicate key value violates unique constraint \"customer_email\"\n"
                + "  Detail: Key (email)=(grace@example.com) already exists.", "23505");
        var failure = new PersistenceException("could not execute statement [" + postgres.getMessage() + "]",
                new ConstraintViolationException("could not execute statement", postgres, "customer_email"));

        assertThat(FailureDescription.of(failure))
                .startsWith("database error SQLState 23505 on constraint customer_email")
                .doesNotContain("grace");
    }

    @Test
    void otherFailuresKeepTheirText() {
        assertThat(FailureDescription.of(new IllegalStateException("boom: job 7 always fails")))
                .isEqualTo("java.lang.IllegalStateException: boom: job 7 always fails");
    }
}
