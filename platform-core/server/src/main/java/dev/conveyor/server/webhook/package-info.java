/** The webhooks API: a tenant's endpoints, secrets and filters, its plugin's event types, messages, attempts, replay. */
package dev.conveyor.server.webhook;
