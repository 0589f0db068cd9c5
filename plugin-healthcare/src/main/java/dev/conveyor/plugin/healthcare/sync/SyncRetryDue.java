package dev.conveyor.plugin.healthcare.sync;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Time to post one appointment version to one system of record again ({@code healthcare.sync-retry-due.v1});
 * {@code attempt} is the number of the attempt it makes (2 for the first retry).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncRetryDue(String appointmentId, int version, String systemName, int attempt) {
}
