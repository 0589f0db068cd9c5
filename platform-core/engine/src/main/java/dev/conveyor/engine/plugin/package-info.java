/** Finding and checking industry plugins. */
package dev.conveyor.engine.plugin;
