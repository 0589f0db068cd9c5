package dev.conveyor.engine.telemetry;

/**
 * The backlog of one stage summed over every tenant's queue feeding it (what an autoscaler such as KEDA reads):
 * messages waiting or in flight, and the age of the oldest visible one in seconds (0 when none is visible).
 */
public record StageBacklog(String stage, long messages, double oldestMessageAgeSeconds) {
}
