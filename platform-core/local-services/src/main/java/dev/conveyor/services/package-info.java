/**
 * Real services for tests, the local demo and the benchmark: Postgres and Azurite, embedded
 * ({@link dev.conveyor.services.LocalPostgres}, {@link dev.conveyor.services.LocalAzurite}) or in containers, started
 * once per JVM by {@link dev.conveyor.services.TestServices}; plus what tests of the running platform share (a
 * {@link dev.conveyor.services.Sql} view past row-level security, a {@link dev.conveyor.services.MutableClock}).
 * Depends on nothing of ours, so the engine's tests use it and the plugin author's kit builds on it.
 */
package dev.conveyor.services;
