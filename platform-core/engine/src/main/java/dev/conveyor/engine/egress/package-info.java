/**
 * Calls out of the platform: one egress policy (which addresses may be called) and the one HTTP client that
 * enforces it for the platform and its plugins (resolve, check, pin, no redirects, a total deadline, a bounded answer).
 */
package dev.conveyor.engine.egress;
