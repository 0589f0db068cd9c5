/**
 * Per-tenant budgets set by the operator: ingest rate (a token bucket per tenant), handlers in flight and pooled
 * connections held at once, so that one tenant's load or slow handlers cannot take what all tenants share.
 */
package dev.conveyor.engine.budget;
