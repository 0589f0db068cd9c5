/** Live event streams: events committed by any instance reach this instance's subscribers within a second. */
package dev.conveyor.engine.stream;
