package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/** A document a view returns as is (a PDF label, a CSV export) instead of JSON. */
public record BinaryContent(String contentType, String fileName, byte[] bytes) {

    public BinaryContent {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(bytes, "bytes is null");
    }

    /**
     * A document the platform renders only after the view's read transaction has closed: for slow rendering (a
     * PDF), so that it holds no database connection. The renderer must work from what the finder read (plain
     * values, not entities), as the entity manager is closed by then.
     */
    public static Deferred renderedLater(String contentType, String fileName, Supplier<byte[]> renderer) {
        return new Deferred(contentType, fileName, renderer);
    }

    /** See {@link #renderedLater}. */
    public record Deferred(String contentType, String fileName, Supplier<byte[]> renderer) {

        public Deferred {
            requireNonNull(contentType, "contentType is null");
            requireNonNull(fileName, "fileName is null");
            requireNonNull(renderer, "renderer is null");
        }

        public BinaryContent render() {
            return new BinaryContent(contentType, fileName, requireNonNull(renderer.get(), "the renderer returned null"));
        }
    }
}
