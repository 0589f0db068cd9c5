/** Dead letters: messages that failed for good, kept with their error in Postgres and in the poison queue. */
package dev.conveyor.engine.deadletter;
