package dev.conveyor.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.settings.SettingsModel;
import dev.conveyor.sdk.DomainPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugins with {@link ServiceLoader}: on the platform's class path, and in a plugins directory that holds one
 * folder per plugin (named after it) with the plugin's jar and the libraries it brings. Each folder gets a
 * {@link PluginClassLoader} that shares only {@link #SHARED_PACKAGES} (and what generated code needs,
 * {@link #GENERATED_CODE_PACKAGES}) with the platform. Every call into a plugin is
 * guarded ({@link PluginCalls}): a plugin that fails to load, to declare itself or to pass the checks is listed
 * among the registry's failures with the reason, and the others install.
 *
 * <p>SDK versions: a plugin jar names the SDK it was built for in its manifest ({@value SdkVersion#MANIFEST_ATTRIBUTE},
 * written by the plugin's build); a folder whose plugin was built for an SDK this platform cannot run, or that
 * bundles an SDK jar of another version than the platform's, is refused with both versions named.
 */
public final class PluginDiscovery {

    /**
     * What a plugin's class loader takes from the platform instead of the plugin's folder: the SDK, and the API
     * packages whose types cross between plugin and platform (entities and their annotations, validation constraints,
     * Jackson annotations on message types, Spring Data repository interfaces) or that route a plugin's logging into
     * the platform's. The JDK comes from the parent loader. Everything else a plugin brings itself.
     */
    public static final List<String> SHARED_PACKAGES = List.of(
            "dev.conveyor.sdk.",
            "jakarta.persistence.",
            "jakarta.validation.",
            "com.fasterxml.jackson.annotation.",
            "org.springframework.data.annotation.",
            "org.springframework.data.domain.",
            "org.springframework.data.repository.",
            "org.springframework.data.jpa.repository.",
            "org.slf4j.");

    /**
     * What the platform generates code against inside a plugin's class loader: Hibernate defines its lazy-loading
     * proxies of a plugin's entities next to them (same loader, same package), and Spring Data's repository proxies of
     * a plugin's interfaces also implement Spring's proxy interfaces (AOP, core, transaction). Shared so that they
     * link; a plugin does not compile against them (the SDK does not bring them), and a copy it bundled would be
     * ignored.
     */
    static final List<String> GENERATED_CODE_PACKAGES = List.of("org.hibernate.", "org.springframework.aop.",
            "org.springframework.core.", "org.springframework.transaction.", "org.springframework.data.",
            "org.aopalliance.");

    /**
     * Every declaration the platform reads from a plugin, each called once at install in a guard of its own, so that
     * a plugin that throws in one is reported with its name and never reached by the engine.
     */
    private static final Map<String, Function<DomainPlugin<?>, Object>> DECLARATIONS = declarations();

    private static final String SDK_CLASS = DomainPlugin.class.getName().replace('.', '/') + ".class";
    private static final String SERVICE_FILE = "META-INF/services/" + DomainPlugin.class.getName();
    private static final Logger log = LoggerFactory.getLogger(PluginDiscovery.class);

    private final ClassLoader platform;
    private final Optional<SdkVersion> platformSdk;
    private final List<PluginRegistry.Installed> installed = new ArrayList<>();
    private final List<PluginFailure> failures = new ArrayList<>();

    private PluginDiscovery(ClassLoader platform, Optional<SdkVersion> platformSdk) {
        this.platform = requireNonNull(platform, "platform is null");
        this.platformSdk = requireNonNull(platformSdk, "platformSdk is null");
    }

    /**
     * The plugins on the class path and, when {@code pluginsDirectory} is given, those in its folders.
     *
     * @throws IllegalArgumentException when the directory is given but is not a directory (a configuration error)
     */
    public static PluginRegistry discover(Optional<Path> pluginsDirectory) {
        return discover(DomainPlugin.class.getClassLoader(), SdkVersion.platform(), pluginsDirectory);
    }

    static PluginRegistry discover(ClassLoader platform, Optional<SdkVersion> platformSdk, Optional<Path> pluginsDirectory) {
        pluginsDirectory.ifPresent(directory -> {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("the plugins directory " + directory.toAbsolutePath() + " does not"
                        + " exist or is not a directory: create it (one folder per plugin, holding its jars) or"
                        + " configure another (conveyor.plugins-dir, CONVEYOR_PLUGINS_DIR)");
            }
        });
        if (platformSdk.isEmpty()) {
            log.warn("the SDK on the class path carries no version ({}); plugins' SDK versions are not checked",
                    SdkVersion.RESOURCE);
        }
        PluginDiscovery discovery = new PluginDiscovery(platform, platformSdk);
        discovery.loadFrom(PluginRegistry.CLASS_PATH, null, platform);
        pluginsDirectory.ifPresent(discovery::loadFolders);
        return new PluginRegistry(discovery.installed, discovery.failures);
    }

    private void loadFolders(Path directory) {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(directory)) {
            folders = entries.filter(Files::isDirectory)
                    .filter(folder -> !folder.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the plugins directory " + directory.toAbsolutePath(), e);
        }
        if (folders.isEmpty()) {
            log.warn("the plugins directory {} holds no plugin folders", directory.toAbsolutePath());
        }
        for (Path folder : folders) {
            try {
                loadFolder(folder);
            } catch (RuntimeException e) {
                // Unreadable jars and the like: this folder fails, the next one is tried.
                String name = folder.getFileName().toString();
                fail(name, "plugins/" + name, "could not read folder " + folder.toAbsolutePath() + ": " + PluginCalls.describe(e), e);
            }
        }
    }

    private void loadFolder(Path folder) {
        String name = folder.getFileName().toString();
        String source = "plugins/" + name;
        List<Path> jars = jars(folder);
        if (jars.isEmpty()) {
            fail(name, source, "folder " + folder.toAbsolutePath() + " holds no jars (a plugin folder holds the plugin's"
                    + " jar and the jars of the libraries it brings)", null);
            return;
        }
        Optional<String> refusal = sdkRefusal(folder, jars);
        if (refusal.isPresent()) {
            fail(name, source, refusal.get(), null);
            return;
        }
        PluginClassLoader loader = new PluginClassLoader("plugin-" + name, jars.stream().map(PluginDiscovery::url).toList(),
                platform, sharedWithPlugins());
        int before = installed.size() + failures.size();
        loadFrom(source, name, loader);
        if (installed.size() + failures.size() == before) {
            fail(name, source, "no plugin found in folder " + folder.toAbsolutePath() + " (jars: " + String.join(", ",
                    jars.stream().map(jar -> jar.getFileName().toString()).toList()) + "): none of them has a "
                    + SERVICE_FILE + " entry naming its plugin class", null);
        }
        if (installed.stream().noneMatch(plugin -> plugin.plugin().getClass().getClassLoader() == loader)) {
            close(loader);
        }
    }

    /**
     * Installs every plugin {@code loader} provides (for a folder, only its own: the parent holds no plugins), each in
     * its own guard. A provider that cannot be found or made does not stop the others. A failure before the plugin
     * said its id is reported under {@code folder}, or on the class path under the plugin's class name.
     */
    private void loadFrom(String source, String folder, ClassLoader loader) {
        Iterator<ServiceLoader.Provider<DomainPlugin>> providers = ServiceLoader.load(DomainPlugin.class, loader).stream()
                .iterator();
        while (true) {
            ServiceLoader.Provider<DomainPlugin> provider;
            try {
                provider = PluginCalls.call(folder != null ? folder : "unknown", loader, "finding its plugin class",
                        () -> providers.hasNext() ? providers.next() : null);
            } catch (PluginCallException e) {
                // The service file names a class that is missing or no plugin; ServiceLoader goes on with the next.
                fail(folder != null ? folder : "unknown", source, e.getMessage(), e);
                if (failures.size() > 1_000) {
                    return;
                }
                continue;
            }
            if (provider == null) {
                return;
            }
            if (loader != platform && provider.type().getClassLoader() != loader) {
                continue;
            }
            String className = provider.type().getName();
            install(source, className, folder != null ? folder : className, loader, () -> (DomainPlugin<?>) provider.get());
        }
    }

    private void install(String source, String className, String fallbackId, ClassLoader loader,
            Supplier<? extends DomainPlugin<?>> create) {
        DomainPlugin<?> plugin;
        String id;
        try {
            plugin = PluginCalls.call(fallbackId, loader, "creating " + className, create);
            id = PluginCalls.call(fallbackId, plugin, "id()", plugin::id);
            if (id == null) {
                throw new IllegalStateException(className + ".id() returned null");
            }
        } catch (RuntimeException e) {
            fail(fallbackId, source, e.getMessage(), e);
            return;
        }
        try {
            for (Map.Entry<String, Function<DomainPlugin<?>, Object>> declaration : DECLARATIONS.entrySet()) {
                PluginCalls.call(id, plugin, declaration.getKey(), () -> declaration.getValue().apply(plugin));
            }
            List<String> problems = PluginCalls.call(id, plugin, "the checks of its declarations",
                    () -> PluginRegistry.problems(plugin));
            if (problems.isEmpty()) {
                PluginCalls.call(id, plugin, "the settings derived from its settings record", () -> SettingsModel.of(plugin));
            }
            if (!problems.isEmpty()) {
                fail(id, source, String.join("; ", problems), null);
                return;
            }
        } catch (PluginCallException e) {
            fail(id, source, e.getMessage(), e);
            return;
        }
        Optional<PluginRegistry.Installed> twin = installed.stream().filter(other -> other.plugin().id().equals(id))
                .findFirst();
        if (twin.isPresent()) {
            fail(id, source, "plugin id '" + id + "' is already installed from " + twin.get().source() + "; remove one"
                    + " of the two", null);
            return;
        }
        if (!source.equals(PluginRegistry.CLASS_PATH) && !source.equals("plugins/" + id)) {
            log.warn("plugin '{}' comes from {}; name its folder after it (plugins/{}) so that a failure is reported"
                    + " under its id", id, source, id);
        }
        installed.add(new PluginRegistry.Installed(plugin, source));
        log.info("installed plugin '{}' ({}) from {}", id, plugin.getClass().getName(), source);
    }

    private void fail(String id, String source, String reason, Throwable cause) {
        failures.add(new PluginFailure(id, source, reason));
        log.error("plugin '{}' from {} is not installed; its tenants do not run: {}", id, source, reason, cause);
    }

    /**
     * Why the folder cannot run on this platform's SDK, if it cannot: it bundles an SDK jar of another version, or a
     * jar declares it was built for an SDK this platform cannot run.
     */
    private Optional<String> sdkRefusal(Path folder, List<Path> jars) {
        Map<Path, Optional<SdkVersion>> bundledSdks = new LinkedHashMap<>();
        Map<Path, String> builtFor = new LinkedHashMap<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry(SDK_CLASS) != null) {
                    bundledSdks.put(jar, bundledVersion(file));
                }
                Manifest manifest = file.getManifest();
                String declared = manifest == null ? null : manifest.getMainAttributes().getValue(SdkVersion.MANIFEST_ATTRIBUTE);
                if (declared != null) {
                    builtFor.put(jar, declared);
                }
            } catch (IOException e) {
                return Optional.of("folder " + folder.toAbsolutePath() + " holds " + jar.getFileName() + ", which is not"
                        + " a readable jar (" + e.getMessage() + "): replace or remove it");
            }
        }
        String platformText = platformSdk.map(SdkVersion::text).orElse("(unknown)");
        for (Map.Entry<Path, Optional<SdkVersion>> bundled : bundledSdks.entrySet()) {
            String jar = bundled.getKey().getFileName().toString();
            if (bundled.getValue().isEmpty() || platformSdk.isEmpty()
                    || !bundled.getValue().get().text().equals(platformSdk.get().text())) {
                return Optional.of("folder " + folder.toAbsolutePath() + " bundles its own SDK, " + jar + " (SDK "
                        + bundled.getValue().map(SdkVersion::text).orElse("of unknown version") + "), but the platform"
                        + " provides SDK " + platformText + ": remove " + jar + " from the folder (plugins take the SDK as"
                        + " provided) and build the plugin for SDK " + platformSdk.map(SdkVersion::line).orElse(platformText));
            }
            log.warn("folder {} bundles {}, the platform's own SDK version; it is ignored (plugins take the SDK as"
                    + " provided: leave it out)", folder.toAbsolutePath(), jar);
        }
        for (Map.Entry<Path, String> declared : builtFor.entrySet()) {
            String jar = declared.getKey().getFileName().toString();
            SdkVersion version;
            try {
                version = SdkVersion.parse(declared.getValue());
            } catch (IllegalArgumentException e) {
                return Optional.of(jar + " in folder " + folder.toAbsolutePath() + " declares " + SdkVersion.MANIFEST_ATTRIBUTE
                        + " '" + declared.getValue() + "', which is not a version: fix the plugin's build");
            }
            if (platformSdk.isPresent() && !platformSdk.get().runs(version)) {
                return Optional.of(jar + " in folder " + folder.toAbsolutePath() + " was built for SDK " + version
                        + ", but this platform provides SDK " + platformText + ", which runs plugins built for SDK "
                        + platformSdk.get().line() + ": rebuild the plugin against SDK " + platformText
                        + " or run it on a platform whose SDK runs " + version);
            }
        }
        if (builtFor.isEmpty()) {
            log.info("no jar in folder {} declares the SDK version it was built for ({}); its compatibility is not"
                    + " checked", folder.toAbsolutePath(), SdkVersion.MANIFEST_ATTRIBUTE);
        }
        return Optional.empty();
    }

    private static Optional<SdkVersion> bundledVersion(JarFile jar) throws IOException {
        ZipEntry entry = jar.getEntry(SdkVersion.RESOURCE);
        if (entry == null) {
            entry = jar.getEntry("META-INF/maven/dev.conveyor/conveyor-sdk/pom.properties");
        }
        if (entry == null) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(entry)) {
            properties.load(in);
        }
        try {
            return Optional.ofNullable(properties.getProperty("version")).map(SdkVersion::parse);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void close(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            log.debug("could not close {}", loader, e);
        }
    }

    static List<String> sharedWithPlugins() {
        return Stream.concat(SHARED_PACKAGES.stream(), GENERATED_CODE_PACKAGES.stream()).toList();
    }

    private static Map<String, Function<DomainPlugin<?>, Object>> declarations() {
        Map<String, Function<DomainPlugin<?>, Object>> declarations = new LinkedHashMap<>();
        declarations.put("displayName()", DomainPlugin::displayName);
        declarations.put("topology()", DomainPlugin::topology);
        declarations.put("settingsType()", DomainPlugin::settingsType);
        declarations.put("persistence()", DomainPlugin::persistence);
        declarations.put("ingestRoutes()", DomainPlugin::ingestRoutes);
        declarations.put("views()", DomainPlugin::views);
        declarations.put("actions()", DomainPlugin::actions);
        return Collections.unmodifiableMap(declarations);
    }
}
