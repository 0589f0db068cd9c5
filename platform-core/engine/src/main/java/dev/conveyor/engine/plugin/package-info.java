/**
 * Plugin loading: found on the class path and in a plugins directory (one folder and one class loader each, sharing
 * only the SDK and its API packages with the platform), every call into them guarded, and the registry of the
 * installed plugins and of those that failed, with the reason.
 */
package dev.conveyor.engine.plugin;
