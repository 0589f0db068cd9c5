/**
 * Plugins' views and actions as the API serves them: a {@link dev.conveyor.sdk.RequestContext} per request, and an
 * action's body decoded from JSON or CSV into its item records, bounded and validated while it streams.
 */
package dev.conveyor.engine.request;
