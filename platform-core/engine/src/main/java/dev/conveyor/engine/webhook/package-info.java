/** Webhooks: tenants' endpoints, signed deliveries of their plugin's events after commit, retries, attempts, replay. */
package dev.conveyor.engine.webhook;
