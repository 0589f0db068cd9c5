package dev.conveyor.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

final class MessageTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final MessageTracing tracing = Telemetry.of(new SimpleMeterRegistry(), OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build(), true).tracing();

    @Test
    void aMessagesSpansContinueTheTraceItsTraceparentNamesAndLinkToTheProducer() {
        Span send = tracing.startSend("acme", "OrderQueue");
        String traceparent = MessageTracing.traceparent(send);
        send.end();
        assertThat(traceparent).matches("00-" + send.getSpanContext().getTraceId() + "-" + send.getSpanContext().getSpanId() + "-01");

        Span process = tracing.startProcess(traceparent, "acme", "dispatch", "acme-orderqueue", "m-1");
        String emitted;
        try (Scope ignored = process.makeCurrent()) {
            Span handle = tracing.startChild("handle", "dispatch", SpanKind.INTERNAL);
            try (Scope inner = handle.makeCurrent()) {
                emitted = MessageTracing.currentTraceparent(traceparent);
            } finally {
                handle.end();
            }
        } finally {
            process.end();
        }

        SpanData processed = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("process dispatch"))
                .findFirst().orElseThrow();
        SpanData handled = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("handle dispatch"))
                .findFirst().orElseThrow();
        assertThat(processed.getTraceId()).isEqualTo(send.getSpanContext().getTraceId());
        assertThat(processed.getParentSpanId()).isEqualTo(send.getSpanContext().getSpanId());
        assertThat(processed.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(processed.getLinks()).singleElement().satisfies(link ->
                assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanContext().getSpanId()));
        assertThat(handled.getParentSpanId()).isEqualTo(processed.getSpanId());
        assertThat(emitted).contains(handled.getSpanId());
    }

    @Test
    void aMessageWithoutTraceparentStartsATraceOfItsOwn() {
        Span process = tracing.startProcess(null, "acme", "dispatch", "acme-orderqueue", "m-2");
        process.end();
        SpanData processed = exported.getFinishedSpanItems().getFirst();
        assertThat(processed.getParentSpanContext().isValid()).isFalse();
        assertThat(processed.getLinks()).isEmpty();
    }

    @Test
    void withoutTracingTheReceivedTraceparentTravelsOnUnchanged() {
        MessageTracing off = Telemetry.none().tracing();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Span process = off.startProcess(traceparent, "acme", "dispatch", "q", "m-3");
        try (Scope ignored = process.makeCurrent()) {
            assertThat(MessageTracing.currentTraceparent(traceparent)).isEqualTo(traceparent);
        } finally {
            process.end();
        }
        assertThat(off.startProcess(null, "acme", "dispatch", "q", "m-4").getSpanContext().isValid()).isFalse();
        assertThat(MessageTracing.currentTraceparent(null)).isNull();
    }
}
