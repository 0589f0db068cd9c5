package dev.conveyor.engine;

/**
 * What kind of failure an {@link EngineException} is: the API maps each to one HTTP status, in one place. Rules
 * broken by input are not here: they are {@link dev.conveyor.sdk.ValidationException}s listing every violation.
 */
public enum ErrorCode {
    /** A tenant, resource or record that does not exist (404). */
    NOT_FOUND,
    /** The request contradicts the current state: a suspended tenant, messages in flight, an id taken (409). */
    CONFLICT,
    /** An update named a version (If-Match) that is no longer current (412). */
    PRECONDITION_FAILED,
    /** An Idempotency-Key reused with another request body (422). */
    IDEMPOTENCY_KEY_REUSED,
    /** A body in a media type the route does not read (415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** A message or body larger than the platform carries (413). */
    TOO_LARGE,
    /** The tenant is over its ingest rate (429, retry after). */
    RATE_LIMITED,
    /** A dependency (Postgres, a tenant's connection budget) cannot serve the request now (503, retry after). */
    UNAVAILABLE,
    /** A plugin failed where it must not (building a tenant's handlers, checking settings): the platform's fault (500). */
    PLUGIN_FAILED
}
