package dev.conveyor.plugin.healthcare.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Time to post one appointment version to one system of record again ({@code healthcare.sync-retry-due.v1});
 * {@code attempt} is the number of the attempt it makes (2 for the first retry).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncRetryDue(@NotNull String appointmentId, @Min(1) int version, @NotNull String systemName, @Min(1) int attempt) {
}
