package dev.conveyor.engine.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.envelope.EnvelopeCodec.QueueContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

final class EnvelopeCodecTest {

    private static final QueueContext ENTRY = new QueueContext("acme", "acme-order-queue", true, "logistics.order.v1");
    private static final QueueContext INTERNAL = new QueueContext("acme", "acme-dispatch-queue", false, "logistics.dispatch.v1");
    private static final Instant INSERTED = Instant.parse("2026-11-23T10:15:30Z");

    private final EnvelopeCodec codec = new EnvelopeCodec();

    record Order(String orderId, int quantity) {
    }

    @Test
    void anEnvelopeSurvivesARoundTrip() {
        Envelope envelope = new Envelope("m-1", "logistics.order.v1", "/tenants/acme/api", INSERTED, "acme", "c-1",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", INSERTED.plusSeconds(3600), null,
                codec.toTree(new Order("o-1", 2)));

        Envelope decoded = codec.decode(codec.encode(envelope), INTERNAL, "queue-id", INSERTED);

        assertThat(decoded).isEqualTo(envelope);
        assertThat(codec.payload(decoded, Order.class)).isEqualTo(new Order("o-1", 2));
    }

    @Test
    void bareJsonOnAnEntryQueueBecomesAnEnvelopeOfTheQueuesTypeIdentifiedByTheQueueMessageId() {
        Envelope decoded = codec.decode("{\"orderId\": \"o-2\", \"quantity\": 1}", ENTRY, "queue-id-7", INSERTED);

        assertThat(decoded.id()).isEqualTo("queue-id-7");
        assertThat(decoded.correlationId()).isEqualTo("queue-id-7");
        assertThat(decoded.type()).isEqualTo("logistics.order.v1");
        assertThat(decoded.tenant()).isEqualTo("acme");
        assertThat(decoded.time()).isEqualTo(INSERTED);
        assertThat(codec.payload(decoded, Order.class)).isEqualTo(new Order("o-2", 1));
    }

    @Test
    void base64WrappedBodiesAreUnwrapped() {
        String wrapped = Base64.getEncoder().encodeToString("{\"orderId\": \"o-3\", \"quantity\": 4}".getBytes(StandardCharsets.UTF_8));

        assertThat(codec.payload(codec.decode(wrapped, ENTRY, "q", INSERTED), Order.class)).isEqualTo(new Order("o-3", 4));
    }

    @Test
    void bareJsonOnAnInternalQueueIsRefused() {
        assertThatThrownBy(() -> codec.decode("{\"orderId\": \"o-4\"}", INTERNAL, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("not a CloudEvents 1.0 envelope");
    }

    @Test
    void undecodableBodiesNameTheProblem() {
        assertThatThrownBy(() -> codec.decode("{\"orderId\": ", ENTRY, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class).hasMessageStartingWith("message body is not valid JSON");
        assertThatThrownBy(() -> codec.decode("hello there", ENTRY, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("neither JSON nor base64");
        assertThatThrownBy(() -> codec.decode("[1, 2]", ENTRY, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("not an object");
        assertThatThrownBy(() -> codec.decode("{\"specversion\": \"1.0\", \"id\": \"x\"}", ENTRY, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("has no 'data'");
        assertThatThrownBy(() -> codec.decode("{\"specversion\": \"0.3\"}", ENTRY, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("'0.3' is not supported");
    }

    @Test
    void dataOfTheWrongShapeIsAMalformedMessageNamingTheType() {
        Envelope unknownField = codec.decode("{\"orderId\": \"o-5\", \"quantity\": 1, \"colour\": \"red\"}", ENTRY, "q", INSERTED);
        Envelope missingNumber = codec.decode("{\"orderId\": \"o-6\"}", ENTRY, "q", INSERTED);

        assertThatThrownBy(() -> codec.payload(unknownField, Order.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("does not match Order at colour");
        assertThatThrownBy(() -> codec.payload(missingNumber, Order.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("does not match Order at quantity");
    }

    @Test
    void idsAndCorrelationIdsMustBeShortPlainIdentifiers() {
        assertThatThrownBy(() -> codec.decode(envelope("x".repeat(129), "c-1"), INTERNAL, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("invalid 'id': 129 characters, at most 128 allowed");
        assertThatThrownBy(() -> codec.decode(envelope("a/../b", "c-1"), INTERNAL, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("invalid 'id': character 2 is not one of A-Z a-z 0-9 . _ : -");
        assertThatThrownBy(() -> codec.decode(envelope("m-1", "grace hopper"), INTERNAL, "q", INSERTED))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("invalid 'correlationid': character 6")
                .hasMessageNotContaining("grace");
        assertThat(codec.decode(envelope("x".repeat(128), "urn:order:ORD-1001_v2.1"), INTERNAL, "q", INSERTED).id())
                .hasSize(128);
    }

    @Test
    void errorTextsNameThePathAndTheProblemButNotTheValue() {
        Envelope wrongType = codec.decode("{\"orderId\": \"o-7\", \"quantity\": \"grace@example.com\"}", ENTRY, "q",
                INSERTED);

        assertThatThrownBy(() -> codec.payload(wrongType, Order.class))
                .hasMessageContaining("does not match Order at quantity: not a valid int")
                .hasMessageNotContaining("grace");
        assertThatThrownBy(() -> codec.decode("{\"orderId\": grace@example.com}", ENTRY, "q", INSERTED))
                .hasMessageContaining("malformed JSON at line 1").hasMessageNotContaining("grace");
        assertThatThrownBy(() -> codec.decode("grace@example.com", ENTRY, "q", INSERTED))
                .hasMessageContaining("neither JSON nor base64").hasMessageNotContaining("grace");
        assertThatThrownBy(() -> codec.decode("{\"specversion\": \"grace@example.com\"}", ENTRY, "q", INSERTED))
                .hasMessageContaining("is not supported").hasMessageNotContaining("grace");
    }

    private String envelope(String id, String correlationId) {
        return codec.encode(new Envelope(id, "logistics.dispatch.v1", "/t", INSERTED, "acme", correlationId, null, null,
                null, codec.toTree(new Order("o-1", 1))));
    }
}
