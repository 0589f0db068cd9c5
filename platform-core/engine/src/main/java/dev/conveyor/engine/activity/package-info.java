/**
 * What each stage of each tenant is doing, across every process that runs it: counted in memory per process, flushed
 * to Postgres only when something happened, and read back merged for the console's pipeline and overview.
 */
package dev.conveyor.engine.activity;
