package dev.conveyor.engine.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;

/**
 * Spans of a message's hops, joined into one trace by the W3C {@code traceparent} the envelope carries: the HTTP
 * ingest's span is the parent of its {@code send} span, whose context travels in the message; a stage's
 * {@code process} span continues it (and links to it, as OpenTelemetry's messaging conventions ask, so fan-out
 * consumers are found from the producer), its {@code handle} span is current while the handler runs, so what the
 * handler sends carries the handle span's context on to the next stage.
 */
public final class MessageTracing {

    private static final TextMapSetter<String[]> INTO_HOLDER = (holder, key, value) -> {
        if ("traceparent".equals(key)) {
            holder[0] = value;
        }
    };
    private static final TextMapGetter<String> FROM_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;
    private final boolean enabled;

    MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.conveyor.engine");
        this.enabled = openTelemetry != OpenTelemetry.noop();
    }

    /** A {@code send} span of an entry message under whatever span is current (the HTTP request's). */
    public Span startSend(String tenantId, String queueName) {
        if (!enabled && !Span.current().getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder("send " + queueName).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "azure_storage_queues")
                .setAttribute("messaging.destination.name", queueName)
                .setAttribute("conveyor.tenant", tenantId)
                .startSpan();
    }

    /** The {@code process} span of a received message, continuing {@code traceparent} (may be null: a new trace). */
    public Span startProcess(String traceparent, String tenantId, String stage, String queueName, String messageId) {
        if (!enabled && traceparent == null) {
            return Span.getInvalid();
        }
        var builder = tracer.spanBuilder("process " + stage).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "azure_storage_queues")
                .setAttribute("messaging.destination.name", queueName)
                .setAttribute("messaging.message.id", messageId)
                .setAttribute("conveyor.tenant", tenantId)
                .setAttribute("conveyor.stage", stage);
        if (traceparent != null) {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, FROM_TRACEPARENT);
            SpanContext producer = Span.fromContext(parent).getSpanContext();
            builder.setParent(parent);
            if (producer.isValid()) {
                builder.addLink(producer);
            }
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    /** A span {@code <operation> <stage>} inside the current one ({@code handle dispatch}, {@code publish dispatch}). */
    public Span startChild(String operation, String stage, SpanKind kind) {
        if (!enabled && !Span.current().getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return tracer.spanBuilder(operation + " " + stage).setSpanKind(kind).startSpan();
    }

    /** The W3C {@code traceparent} of {@code span}, or null when it has no valid context. */
    public static String traceparent(Span span) {
        if (!span.getSpanContext().isValid()) {
            return null;
        }
        String[] holder = new String[1];
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), holder, INTO_HOLDER);
        return holder[0];
    }

    /** The current span's {@code traceparent}, else {@code fallback} (the received message's, when not tracing). */
    public static String currentTraceparent(String fallback) {
        String current = traceparent(Span.current());
        return current != null ? current : fallback;
    }
}
