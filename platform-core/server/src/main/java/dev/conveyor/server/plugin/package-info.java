/** The installed industry plugins, described generically from what they declare. */
package dev.conveyor.server.plugin;
