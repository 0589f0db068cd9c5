package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A tenant setting a plugin declares, as data: the admin API lists these and validates every tenant's
 * configuration against them, with no plugin-specific REST code.
 *
 * @param defaultValue the value when the tenant sets none, as text; {@code null} for none
 * @param secret       never returned by the API once set (shown as {@code "********"})
 */
public record ConfigProperty(String name, Type type, String defaultValue, boolean required, boolean secret, String help) {

    public ConfigProperty {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(help, "help is null");
        if (!name.matches("[a-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("config property name '" + name + "' must be lowerCamelCase");
        }
        if (defaultValue != null) {
            type.check(name, defaultValue).ifPresent(problem -> {
                throw new IllegalArgumentException("default of " + problem);
            });
        }
    }

    public static ConfigProperty optional(String name, Type type, String defaultValue, String help) {
        return new ConfigProperty(name, type, defaultValue, false, false, help);
    }

    public static ConfigProperty required(String name, Type type, String help) {
        return new ConfigProperty(name, type, null, true, false, help);
    }

    public static ConfigProperty secret(String name, String help) {
        return new ConfigProperty(name, Type.STRING, null, false, true, help);
    }

    /** The kinds of value a property holds, each written as text. */
    public enum Type {
        STRING,
        INTEGER,
        BOOLEAN,
        /** ISO-8601 ({@code PT24H}) or a number with a unit: {@code 24h}, {@code 30m}, {@code 10s}, {@code 500ms}. */
        DURATION,
        /** Comma-separated values. */
        STRING_LIST,
        /** An absolute http(s) URL. */
        URL,
        /** A JSON document the plugin parses itself. */
        JSON;

        /** What is wrong with {@code value} for this type, if anything, as a sentence naming the property. */
        public Optional<String> check(String property, String value) {
            String problem = switch (this) {
                case STRING, STRING_LIST -> null;
                case INTEGER -> value.matches("-?\\d{1,18}") ? null : "must be a whole number";
                case BOOLEAN -> value.equals("true") || value.equals("false") ? null : "must be true or false";
                case DURATION -> TenantConfig.parseDuration(value).isPresent() ? null
                        : "must be a duration such as PT24H, 24h, 30m, 10s or 500ms";
                case URL -> value.matches("https?://[^\\s/]+(/\\S*)?") ? null : "must be an absolute http(s) URL";
                case JSON -> value.strip().startsWith("{") || value.strip().startsWith("[") ? null : "must be a JSON object or array";
            };
            return Optional.ofNullable(problem).map(text -> "'" + property + "' " + text + ", was '" + value + "'");
        }
    }
}
