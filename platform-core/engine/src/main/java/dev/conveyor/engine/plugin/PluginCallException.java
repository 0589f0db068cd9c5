package dev.conveyor.engine.plugin;

/** A call into a plugin threw (or failed to link): the message names the plugin, the call and what it threw. */
public final class PluginCallException extends RuntimeException {

    PluginCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
