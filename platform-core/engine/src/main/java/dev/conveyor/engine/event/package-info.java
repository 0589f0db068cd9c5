/** Events plugins publish about their subjects, recorded with the handler's other effects. */
package dev.conveyor.engine.event;
