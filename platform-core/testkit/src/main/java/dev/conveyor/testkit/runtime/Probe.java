package dev.conveyor.testkit.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Something a scenario waits for, read again and again until it meets a condition: a view's record, the dead
 * letters, or any value the test can read. {@code null} means "not there yet". The description names it in the
 * failure message.
 *
 * @param <T> the value read
 */
public final class Probe<T> {

    private final String description;
    private final Function<TestTenant, T> reader;

    private Probe(String description, Function<TestTenant, T> reader) {
        this.description = requireNonNull(description, "description is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    /** The record of view {@code resource} for {@code key}, as JSON; not there while the view answers 404. */
    public static Probe<JsonNode> view(String resource, String key) {
        return new Probe<>("view " + resource + "/" + key, tenant -> tenant.view(resource, key).orElse(null));
    }

    /** The record of view {@code resource} for {@code key} as the plugin's record. */
    public static <R> Probe<R> view(String resource, String key, Class<R> type) {
        return new Probe<>("view " + resource + "/" + key, tenant -> tenant.view(resource, key, type).orElse(null));
    }

    /** The tenant's dead letters (an empty list while there are none). */
    public static Probe<List<DeadLetter>> deadLetters() {
        return new Probe<>("the dead letters", TestTenant::deadLetters);
    }

    /** Any value the test reads, such as a row count; {@code description} says what it is. */
    public static <T> Probe<T> of(String description, Supplier<T> reader) {
        requireNonNull(reader, "reader is null");
        return new Probe<>(description, tenant -> reader.get());
    }

    /** Any value read from the tenant. */
    public static <T> Probe<T> ofTenant(String description, Function<TestTenant, T> reader) {
        return new Probe<>(description, reader);
    }

    public String description() {
        return description;
    }

    T read(TestTenant tenant) {
        return reader.apply(tenant);
    }
}
