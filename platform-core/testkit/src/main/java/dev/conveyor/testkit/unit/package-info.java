/**
 * Handler unit tests with no Postgres and no queues: {@link dev.conveyor.testkit.unit.TestHandlerContext} records
 * what a handler sends, schedules and calls after commit, with a clock the test moves.
 */
package dev.conveyor.testkit.unit;
