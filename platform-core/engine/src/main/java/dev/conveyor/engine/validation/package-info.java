/**
 * Bean Validation of what plugins declare as records (messages, action items, settings): one validator for the
 * engine, violations reported as JSON paths such as {@code items[0].quantity}.
 */
package dev.conveyor.engine.validation;
