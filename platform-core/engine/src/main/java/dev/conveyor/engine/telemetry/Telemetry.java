package dev.conveyor.engine.telemetry;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.activity.ActivityRecorder;
import dev.conveyor.engine.activity.StageActivity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The engine's meters and spans: where they go (a {@link MeterRegistry} and an {@link OpenTelemetry}, both no-ops by
 * default, so tests and the benchmark need nothing) and whether meters carry the {@code tenant} tag. Tenants are
 * created by operators, so the tag is bounded by the number of tenants; an operator with many can drop it
 * ({@code tenantTag = false}) and keep plugin and stage. Meters are made once per tenant and stage and kept: the hot
 * path looks them up, it never builds tags.
 */
public final class Telemetry {

    /** The tag value standing for every tenant when the tenant tag is dropped. */
    static final String ALL_TENANTS = "*";

    private final MeterRegistry registry;
    private final MessageTracing tracing;
    private final boolean tenantTag;
    /** Where stage meters also count for the console (across processes); {@code null}: nowhere. */
    private final ActivityRecorder activity;
    private final ConcurrentMap<String, ConcurrentMap<String, StageMeters>> stages = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> notificationDeliveries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> webhookDeliveries = new ConcurrentHashMap<>();

    private Telemetry(MeterRegistry registry, MessageTracing tracing, boolean tenantTag, ActivityRecorder activity) {
        this.registry = requireNonNull(registry, "registry is null");
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.tenantTag = tenantTag;
        this.activity = activity;
    }

    private Telemetry(MeterRegistry registry, OpenTelemetry openTelemetry, boolean tenantTag) {
        this(registry, new MessageTracing(requireNonNull(openTelemetry, "openTelemetry is null")), tenantTag, null);
    }

    /** The same meters and spans, whose stage meters also count into {@code recorder} (the engine's, made at start). */
    public Telemetry countingActivity(ActivityRecorder recorder) {
        return new Telemetry(registry, tracing, tenantTag, requireNonNull(recorder, "recorder is null"));
    }

    /** Meters into {@code registry}, spans through {@code openTelemetry}. */
    public static Telemetry of(MeterRegistry registry, OpenTelemetry openTelemetry, boolean tenantTag) {
        return new Telemetry(registry, openTelemetry, tenantTag);
    }

    /** Meters and spans going nowhere (a registry without children records nothing). */
    public static Telemetry none() {
        return new Telemetry(new CompositeMeterRegistry(), OpenTelemetry.noop(), true);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public MessageTracing tracing() {
        return tracing;
    }

    public boolean tenantTag() {
        return tenantTag;
    }

    /** The tenant tag's value for {@code tenantId}: itself, or {@value #ALL_TENANTS} when the tag is dropped. */
    String tenantValue(String tenantId) {
        return tenantTag ? tenantId : ALL_TENANTS;
    }

    Tags tags(String tenantId, String plugin, String stage) {
        return Tags.of("tenant", tenantValue(tenantId), "plugin", plugin, "stage", stage);
    }

    /** The meters of one stage of one tenant, made on first use. */
    public StageMeters stage(String tenantId, String plugin, String stage) {
        ConcurrentMap<String, StageMeters> ofTenant = stages.computeIfAbsent(tenantId, id -> new ConcurrentHashMap<>());
        StageMeters meters = ofTenant.get(stage);
        return meters != null ? meters : ofTenant.computeIfAbsent(stage, name -> new StageMeters(registry,
                tags(tenantId, plugin, name), activity != null ? activity.stage(tenantId, name) : StageActivity.uncounted()));
    }

    /** A notification delivery moved on: {@code outcome} is delivered, bounced, failed, suppressed, retried or deferred. */
    public void notificationDelivery(String channel, String outcome) {
        notificationDeliveries.computeIfAbsent(channel + '\n' + outcome, key -> Counter
                .builder("conveyor.notification.deliveries")
                .description("Notification delivery attempts by channel and outcome")
                .tags("channel", channel, "outcome", outcome)
                .register(registry)).increment();
    }

    /** One webhook attempt ended: {@code outcome} is delivered, retried, failed (schedule exhausted) or gone (410). */
    public void webhookDelivery(String outcome) {
        webhookDeliveries.computeIfAbsent(outcome, key -> Counter.builder("conveyor.webhook.deliveries")
                .description("Webhook delivery attempts by outcome")
                .tag("outcome", outcome)
                .register(registry)).increment();
    }

    /** The meters made so far per tenant and stage (for tests). */
    Map<String, ConcurrentMap<String, StageMeters>> stageMeters() {
        return stages;
    }
}
