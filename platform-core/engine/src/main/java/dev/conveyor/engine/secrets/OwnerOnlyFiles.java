package dev.conveyor.engine.secrets;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files that hold a credential the platform generated (the bootstrap admin key, a local secrets key): readable and
 * writable by their owner only (POSIX 600), created so from the start, never briefly readable by others.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Writes {@code content} (and a line break) to {@code file}, replacing it, owner-only. */
    public static void write(Path file, String content) {
        requireNonNull(file, "file is null");
        requireNonNull(content, "content is null");
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = posix(directory)
                    ? Files.createTempFile(directory, ".tmp-", "", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".tmp-", "");
            try {
                Files.writeString(temporary, content + System.lineSeparator());
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The content of {@code file} (stripped), made owner-only if it was not; or, when the file does not exist, a new
     * value from {@code generate}, written there first.
     */
    public static String readOrCreate(Path file, Supplier<String> generate) {
        return read(file).orElseGet(() -> {
            String value = generate.get();
            write(file, value);
            return value;
        });
    }

    /** The content of {@code file} (stripped), made owner-only if it was not; empty when there is no such file. */
    public static Optional<String> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (posix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                // A file from an older version, created with the default permissions.
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
