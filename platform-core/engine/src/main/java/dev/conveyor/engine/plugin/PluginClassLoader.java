package dev.conveyor.engine.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin folder. Its parent is the JDK's platform loader, so the plugin sees the JDK but
 * not the platform's class path; the shared packages (the SDK and the API packages it names) come from the
 * platform's loader, so a plugin's {@code DomainPlugin} and {@code @Entity} are the platform's own types;
 * everything else, the plugin's classes and the libraries it brings, is loaded from the folder's jars. Two plugins
 * may so bring two versions of one library, and neither clashes with the platform's.
 */
final class PluginClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader platform;
    private final List<String> sharedPackages;
    private final List<String> sharedResources;

    /**
     * @param sharedPackages package prefixes ending in a dot ({@code "dev.conveyor.sdk."}), subpackages included
     */
    PluginClassLoader(String name, List<URL> jars, ClassLoader platform, List<String> sharedPackages) {
        super(requireNonNull(name, "name is null"), jars.toArray(URL[]::new), getPlatformClassLoader());
        this.platform = requireNonNull(platform, "platform is null");
        this.sharedPackages = List.copyOf(sharedPackages);
        this.sharedResources = sharedPackages.stream().map(prefix -> prefix.replace('.', '/')).toList();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name, sharedPackages)) {
            return platform.loadClass(name);
        }
        // The JDK first (the parent), then this folder's jars: never the platform's class path.
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return isShared(name, sharedResources) ? platform.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isShared(name, sharedResources) ? platform.getResources(name) : super.getResources(name);
    }

    private static boolean isShared(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + getName() + "]";
    }
}
