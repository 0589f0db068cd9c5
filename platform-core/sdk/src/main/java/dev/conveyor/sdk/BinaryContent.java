package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/** A document a view returns as is (a PDF label, a CSV export) instead of JSON. */
public record BinaryContent(String contentType, String fileName, byte[] bytes) {

    public BinaryContent {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(bytes, "bytes is null");
    }
}
