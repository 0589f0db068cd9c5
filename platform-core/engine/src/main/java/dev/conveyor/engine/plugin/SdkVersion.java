package dev.conveyor.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.DomainPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of the SDK ({@code 0.1.0-SNAPSHOT}, {@code 2.3.1}). A platform runs a plugin built for the same major
 * version and a minor no newer than its own (a newer minor may use what this SDK lacks); while the major is 0 every
 * minor counts as a major of its own, as semantic versioning has it.
 */
record SdkVersion(int major, int minor, String text) {

    /** The manifest attribute in which a plugin's jar names the SDK version it was built for. */
    static final String MANIFEST_ATTRIBUTE = "Conveyor-Sdk-Version";
    /** The resource in the SDK jar that holds its version. */
    static final String RESOURCE = "dev/conveyor/sdk/sdk-version.properties";

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)(?:[.\\-].*)?");

    SdkVersion {
        requireNonNull(text, "text is null");
    }

    static SdkVersion parse(String text) {
        Matcher matcher = MAJOR_MINOR.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an SDK version (major.minor[.patch][-qualifier])");
        }
        return new SdkVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), text.strip());
    }

    /** The version of the SDK the platform runs, empty when its jar carries none (a build that skipped resources). */
    static Optional<SdkVersion> platform() {
        return of(DomainPlugin.class.getClassLoader(), RESOURCE);
    }

    /** The version in an SDK version resource found by {@code loader}, if any. */
    static Optional<SdkVersion> of(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version")).map(SdkVersion::parse);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a platform providing this SDK runs a plugin built for {@code builtFor}. */
    boolean runs(SdkVersion builtFor) {
        if (major != builtFor.major) {
            return false;
        }
        return major == 0 ? minor == builtFor.minor : builtFor.minor <= minor;
    }

    /** The line of versions this one runs plugins of, for messages: {@code 0.1}, or {@code 2.0 to 2.3}. */
    String line() {
        return major == 0 ? major + "." + minor : major + ".0 to " + major + "." + minor;
    }

    @Override
    public String toString() {
        return text;
    }
}
