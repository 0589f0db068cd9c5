package dev.conveyor.engine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ActionInputTest {

    record StockLevel(@NotBlank String warehouse, @NotBlank String sku, @PositiveOrZero int onHand) {
    }

    private static final BeanValidation VALIDATION = BeanValidation.onSystemClock();
    private static final Action<StockLevel> STOCK = Action.of("stock", StockLevel.class,
            Set.of(Action.InputFormat.CSV, Action.InputFormat.JSON), 3, (items, context) -> items.size());

    @Test
    void jsonIsOneObjectOrAnArrayOfThem() {
        assertThat(read("application/json", "{\"warehouse\": \"east\", \"sku\": \"A\", \"onHand\": 3}"))
                .containsExactly(new StockLevel("east", "A", 3));
        assertThat(read("application/json; charset=utf-8", "[{\"warehouse\": \"east\", \"sku\": \"A\", \"onHand\": 3},"
                + " {\"warehouse\": \"west\", \"sku\": \"B\", \"onHand\": 0}]"))
                .containsExactly(new StockLevel("east", "A", 3), new StockLevel("west", "B", 0));
    }

    @Test
    void csvHasAHeaderRowNamingTheComponents() {
        assertThat(read("text/csv", "sku,warehouse,onHand\nA,east,3\n\nB, west ,0\n"))
                .containsExactly(new StockLevel("east", "A", 3), new StockLevel("west", "B", 0));
    }

    @Test
    void eachInvalidItemIsNamedByItsIndex() {
        assertThat(violations("text/csv", "warehouse,sku,onHand\neast,A,3\neast,,-1\n"))
                .extracting(Violation::field).containsExactly("rows[1].onHand", "rows[1].sku");
        assertThat(violations("application/json", "[{\"warehouse\": \"east\", \"sku\": \"A\", \"onHand\": 3},"
                + " {\"warehouse\": \"\", \"sku\": \"B\", \"onHand\": 1}]"))
                .extracting(Violation::field).containsExactly("rows[1].warehouse");
    }

    @Test
    void aRowThatCannotBeReadIsNamedWithItsLine() {
        assertThat(violations("text/csv", "warehouse,sku,onHand\neast,A,3\neast,B,many\n"))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("rows[1].onHand");
                    assertThat(violation.message()).contains("CSV line 3");
                });
        assertThat(violations("text/csv", "warehouse,sku,colour\neast,A,red\n"))
                .singleElement().extracting(Violation::field).asString().startsWith("rows[0].");
        assertThat(violations("application/json", "[{\"warehouse\": \"east\", \"sku\": \"A\", \"onHand\": \"x\"}]"))
                .singleElement().extracting(Violation::field).isEqualTo("rows[0].onHand");
        assertThat(violations("application/json", "[{\"warehouse\": "))
                .singleElement().extracting(Violation::field).isEqualTo("$");
    }

    @Test
    void moreItemsThanTheActionTakesStopTheReadWithTheLimit() {
        String body = "warehouse,sku,onHand\n" + "east,A,1\n".repeat(4);
        InputStream endless = new InputStream() {
            private final byte[] header = "[".getBytes(StandardCharsets.UTF_8);
            private final byte[] item = "{\"warehouse\": \"e\", \"sku\": \"A\", \"onHand\": 1},".getBytes(StandardCharsets.UTF_8);
            private long position;

            @Override
            public int read() {
                int at = (int) (position++ - header.length);
                return at < 0 ? header[at + header.length] : item[at % item.length];
            }
        };

        assertThat(violations("text/csv", body)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("rows");
            assertThat(violation.message()).contains("at most 3 items");
        });
        assertThatThrownBy(() -> ActionInput.read(STOCK, "application/json", endless, VALIDATION))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at most 3 items");
    }

    @Test
    void aMediaTypeTheActionDoesNotReadIsRefusedNamingTheOnesItDoes() {
        assertThatThrownBy(() -> read("text/plain", "east,A,3"))
                .isInstanceOf(EngineException.class)
                .satisfies(e -> assertThat(((EngineException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("application/json or text/csv, not text/plain");
        assertThatThrownBy(() -> read(null, "east,A,3")).isInstanceOf(EngineException.class)
                .hasMessageContaining("no Content-Type");
    }

    @Test
    void aFailingBodyStreamIsPassedOn() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("over the limit");
            }
        };

        assertThatThrownBy(() -> ActionInput.read(STOCK, "text/csv", failing, VALIDATION)).isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("over the limit");
        assertThatThrownBy(() -> ActionInput.read(STOCK, "application/json", failing, VALIDATION))
                .isInstanceOf(UncheckedIOException.class);
    }

    private static List<StockLevel> read(String contentType, String body) {
        return ActionInput.read(STOCK, contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                VALIDATION);
    }

    private static List<Violation> violations(String contentType, String body) {
        try {
            read(contentType, body);
        } catch (ValidationException e) {
            return e.violations();
        }
        throw new AssertionError("no violation");
    }
}
