package dev.conveyor.sdk;

/**
 * A Bean Validation group for rules a message must meet when a client posts it, but not when a stage consumes it:
 * for example a carrier may not post a {@code LABEL_CREATED} scan that only the platform's own stage emits. Put it
 * on the constraint ({@code @NotBlank(groups = {Default.class, OnIngest.class})} for both, or
 * {@code groups = OnIngest.class} for ingest alone); an ingest route checks the default group and this one.
 * A class-level constraint with its own {@code ConstraintValidator} expresses a rule across fields; a rule on time
 * reads {@code context.getClockProvider()}, which the platform sets to its clock.
 */
public interface OnIngest {
}
