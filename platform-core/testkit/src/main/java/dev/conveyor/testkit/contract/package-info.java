/**
 * The contract every plugin holds, run with one line ({@link dev.conveyor.testkit.contract.PluginContract}), and the
 * JSON Schemas of message types it checks them against ({@link dev.conveyor.testkit.contract.MessageSchemas}).
 */
package dev.conveyor.testkit.contract;
