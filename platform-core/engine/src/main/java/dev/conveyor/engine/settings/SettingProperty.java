package dev.conveyor.engine.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One setting as the API lists it ({@code GET /api/v1/plugins}), derived from a component of the plugin's settings
 * record: its name, kind of value, help, default (as the API takes it), whether it must be given, whether it is
 * secret; the options of an enum, the settings of a nested record ({@code properties}) and the shape of a list's
 * items ({@code items}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettingProperty(
        String name,
        Type type,
        String help,
        String defaultValue,
        boolean required,
        boolean secret,
        List<String> options,
        List<SettingProperty> properties,
        SettingProperty items) {

    /** The kinds of value, each written in JSON as the API takes it (scalars may also be written as text). */
    public enum Type {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        /** ISO-8601 ({@code PT24H}) or a number with a unit: {@code 24h}, {@code 30m}, {@code 10s}, {@code 500ms}, {@code 7d}. */
        DURATION,
        /** An absolute URL. */
        URL,
        /** One of {@code options}. */
        ENUM,
        /** A nested record: an object of {@code properties} (or its JSON text). */
        OBJECT,
        /** A JSON array of {@code items} (or its JSON text; a list of scalars also as comma-separated text). */
        LIST
    }
}
