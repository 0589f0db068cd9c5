/**
 * Real services for tests and the local demo: embedded Postgres ({@link dev.conveyor.testkit.LocalPostgres}),
 * Azurite ({@link dev.conveyor.testkit.LocalAzurite}), started once per JVM by {@link dev.conveyor.testkit.TestServices}.
 */
package dev.conveyor.testkit;
