package dev.conveyor.sdk;

/** The settings of a plugin that has none: tenants of it configure nothing. */
public record NoSettings() {
}
