/**
 * Unit tests with no Postgres and no queues: {@link dev.conveyor.testkit.unit.TestHandlerContext} records what a
 * handler sends, schedules and calls after commit; {@link dev.conveyor.testkit.unit.TestRequestContext} serves a
 * view or an action; {@link dev.conveyor.testkit.unit.Constraints} and {@link dev.conveyor.testkit.unit.TestSettings}
 * check messages and settings exactly as the platform does, with the paths its API names.
 */
package dev.conveyor.testkit.unit;
