package dev.conveyor.engine.plugin;

import static dev.conveyor.engine.plugin.TestJars.jar;
import static dev.conveyor.engine.plugin.TestJars.library;
import static dev.conveyor.engine.plugin.TestJars.plugin;
import static dev.conveyor.engine.plugin.TestJars.serviceFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.DomainPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginDiscoveryTest {

    private static final Optional<SdkVersion> SDK = Optional.of(SdkVersion.parse("0.1.0"));

    @TempDir
    Path plugins;

    @TempDir
    Path build;

    @Test
    void eachFolderInstallsItsPluginWithTheLibraryVersionItBrings() {
        folder("alpha", "1", "");
        folder("beta", "2", "");

        PluginRegistry registry = discover();

        assertThat(registry.get("alpha").displayName()).isEqualTo("alpha sees library 1");
        assertThat(registry.get("beta").displayName()).isEqualTo("beta sees library 2");
        assertThat(registry.source("alpha")).isEqualTo("plugins/alpha");
        assertThat(registry.source("jobs")).as("the engine tests' plugin, on the class path").isEqualTo("class path");
        assertThat(registry.failures()).isEmpty();
    }

    @Test
    void aPluginThatFailsIsReportedWithTheReasonAndTheOthersInstall() throws Exception {
        folder("alpha", "1", "");
        Files.createDirectories(plugins.resolve("empty"));
        jar(plugins.resolve("no-service/library.jar"), Map.of("lib.Library", library("1")), Map.of(), Map.of());
        jar(plugins.resolve("missing-class/library.jar"), Map.of("lib.Library", library("1")), serviceFile("ghost.GhostPlugin"),
                Map.of());
        pluginFolder("topology-throws", plugin("thrower", "Thrower", "topology-throws", "").replace(
                "return Topology.of(WORK);", "if (true) throw new IllegalStateException(\"no topology today\");\n return Topology.of(WORK);"));
        pluginFolder("static-init", plugin("statics", "Statics", "static-init",
                "static { if (true) throw new IllegalStateException(\"static boom\"); }"));
        pluginFolder("constructor", plugin("constructed", "Constructed", "constructor",
                "public Constructed() { throw new IllegalStateException(\"constructor boom\"); }"));
        pluginFolder("invalid", plugin("invalid", "Invalid", "invalid",
                "public java.util.List<IngestRoute<?>> ingestRoutes() { return java.util.List.of(IngestRoute.of(\"topology\", IN)); }"));
        // Compiled against the library, which its folder then lacks.
        Path elsewhere = jar(build.resolve("library.jar"), Map.of("lib.Library", library("1")), Map.of(), Map.of());
        jar(plugins.resolve("library-missing/plugin.jar"), Map.of("lonely.Lonely", plugin("lonely", "Lonely",
                "library-missing", "")), serviceFile("lonely.Lonely"), Map.of(), elsewhere);

        PluginRegistry registry = discover();

        assertThat(registry.all()).extracting(DomainPlugin::id).containsExactly("jobs", "alpha");
        Map<String, String> reasons = registry.failures().stream()
                .collect(Collectors.toMap(PluginFailure::id, PluginFailure::reason));
        assertThat(reasons).containsOnlyKeys("constructor", "empty", "invalid", "library-missing", "missing-class",
                "no-service", "static-init", "topology-throws");
        assertThat(reasons.get("empty")).contains("holds no jars");
        assertThat(reasons.get("no-service")).contains("no plugin found in folder").contains("(jars: library.jar)")
                .contains("META-INF/services/dev.conveyor.sdk.DomainPlugin");
        assertThat(reasons.get("missing-class")).contains("ghost.GhostPlugin");
        assertThat(reasons.get("topology-throws"))
                .contains("plugin 'topology-throws' failed in topology(): IllegalStateException: no topology today");
        assertThat(reasons.get("static-init")).contains("could not be instantiated").contains("static boom");
        assertThat(reasons.get("constructor")).contains("constructor boom");
        assertThat(reasons.get("invalid")).contains("names a resource 'topology', which the platform's API uses");
        assertThat(reasons.get("library-missing")).contains("NoClassDefFoundError: lib/Library")
                .contains("add the jar that has it to the plugin's folder");
        assertThat(registry.failure("static-init").orElseThrow().source()).isEqualTo("plugins/static-init");
        assertThat(registry.notInstalled("topology-throws"))
                .startsWith("plugin 'topology-throws' failed to install from plugins/topology-throws: ");
    }

    @Test
    void aPluginIdThatIsAlreadyInstalledIsRefused() {
        folder("alpha", "1", "");
        pluginFolder("alpha-again", plugin("again", "Again", "alpha", ""));

        PluginRegistry registry = discover();

        assertThat(registry.get("alpha").getClass().getName()).isEqualTo("alpha.Plugin");
        assertThat(registry.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.source()).isEqualTo("plugins/alpha-again");
            assertThat(failure.reason()).isEqualTo("plugin id 'alpha' is already installed from plugins/alpha; remove one of the two");
        });
    }

    @Test
    void aPluginBuiltForAnSdkThisPlatformCannotRunIsRefusedNamingBothVersions() {
        Path library = jar(plugins.resolve("newer/library.jar"), Map.of("lib.Library", library("1")), Map.of(), Map.of());
        jar(plugins.resolve("newer/newer.jar"), Map.of("newer.Newer", plugin("newer", "Newer", "newer", "")),
                serviceFile("newer.Newer"), Map.of("Conveyor-Sdk-Version", "0.2.0"), library);
        folder("alpha", "1", "");

        PluginRegistry registry = discover();

        assertThat(registry.find("alpha")).isPresent();
        assertThat(registry.failure("newer").orElseThrow().reason()).contains("newer.jar").contains("was built for SDK 0.2.0")
                .contains("this platform provides SDK 0.1.0, which runs plugins built for SDK 0.1");
    }

    @Test
    void aFolderThatBundlesAnSdkOfAnotherVersionIsRefusedNamingBothVersions() {
        folder("bundler", "1", "");
        jar(plugins.resolve("bundler/conveyor-sdk-0.0.9.jar"), Map.of(), Map.of(
                "dev/conveyor/sdk/DomainPlugin.class", "not really a class",
                SdkVersion.RESOURCE, "version=0.0.9\n"), Map.of());

        PluginRegistry registry = discover();

        assertThat(registry.failure("bundler").orElseThrow().reason())
                .contains("bundles its own SDK, conveyor-sdk-0.0.9.jar (SDK 0.0.9), but the platform provides SDK 0.1.0")
                .contains("remove conveyor-sdk-0.0.9.jar");
    }

    @Test
    void aPluginThatDeclaresACompatibleSdkInstalls() {
        Path library = jar(plugins.resolve("declared/library.jar"), Map.of("lib.Library", library("1")), Map.of(), Map.of());
        jar(plugins.resolve("declared/declared.jar"), Map.of("declared.Declared", plugin("declared", "Declared", "declared", "")),
                serviceFile("declared.Declared"), Map.of("Conveyor-Sdk-Version", "0.1.3-SNAPSHOT"), library);

        assertThat(discover().find("declared")).isPresent();
    }

    @Test
    void aPluginsDirectoryThatDoesNotExistIsAConfigurationError() {
        Path missing = plugins.resolve("nowhere");

        assertThatThrownBy(() -> PluginDiscovery.discover(Optional.of(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toAbsolutePath() + " does not exist")
                .hasMessageContaining("conveyor.plugins-dir");
    }

    @Test
    void withoutAPluginsDirectoryOnlyTheClassPathCounts() {
        PluginRegistry registry = PluginDiscovery.discover(Optional.empty());

        assertThat(registry.all()).extracting(DomainPlugin::id).containsExactly("jobs");
    }

    private PluginRegistry discover() {
        return PluginDiscovery.discover(getClass().getClassLoader(), SDK, Optional.of(plugins));
    }

    /** A folder with {@code lib.Library} at {@code version} and a plugin named after the folder that uses it. */
    private Path folder(String name, String version, String members) {
        Path library = jar(plugins.resolve(name).resolve("library-" + version + ".jar"),
                Map.of("lib.Library", library(version)), Map.of(), Map.of());
        String packageName = name.replace("-", "");
        String className = packageName + ".Plugin";
        jar(plugins.resolve(name).resolve(name + ".jar"), Map.of(className, plugin(packageName, "Plugin", name, members)),
                serviceFile(className), Map.of(), library);
        return plugins.resolve(name);
    }

    /** A folder with library version 1 and the given plugin source (its class named in the source). */
    private void pluginFolder(String name, String source) {
        String packageName = source.substring("package ".length(), source.indexOf(';'));
        String className = packageName + "." + source.split("public final class ")[1].split(" ")[0];
        Path library = jar(plugins.resolve(name).resolve("library-1.jar"), Map.of("lib.Library", library("1")), Map.of(),
                Map.of());
        jar(plugins.resolve(name).resolve(name + ".jar"), Map.of(className, source), serviceFile(className), Map.of(),
                library);
    }
}
