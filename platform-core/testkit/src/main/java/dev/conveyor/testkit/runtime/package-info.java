/**
 * Plugin integration tests on the real engine, Postgres and Azurite: {@link dev.conveyor.testkit.runtime.PluginRuntime}
 * embeds the engine with the plugins under test, {@link dev.conveyor.testkit.runtime.TestTenant} is a fresh tenant per
 * test, and the scenario DSL ({@link dev.conveyor.testkit.runtime.Scenario}, {@link dev.conveyor.testkit.runtime.Probe})
 * waits for outcomes instead of sleeping. {@link dev.conveyor.testkit.runtime.DevRuntime} is a plugin's dev main().
 */
package dev.conveyor.testkit.runtime;
