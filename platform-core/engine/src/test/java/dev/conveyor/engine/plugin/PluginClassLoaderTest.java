package dev.conveyor.engine.plugin;

import static dev.conveyor.engine.plugin.TestJars.jar;
import static dev.conveyor.engine.plugin.TestJars.library;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.DomainPlugin;
import jakarta.persistence.EntityManager;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.hibernate.proxy.HibernateProxy;
import org.slf4j.Logger;

final class PluginClassLoaderTest {

    private static final ClassLoader PLATFORM = PluginClassLoaderTest.class.getClassLoader();

    @TempDir
    Path directory;

    @Test
    void thePluginsClassesComeFromItsFolderAndTheSharedPackagesFromThePlatform() throws Exception {
        Path library = jar(directory.resolve("alpha/library.jar"), Map.of("lib.Library", library("1")), Map.of(), Map.of());
        Path plugin = jar(directory.resolve("alpha/plugin.jar"),
                Map.of("alpha.AlphaPlugin", TestJars.plugin("alpha", "AlphaPlugin", "alpha", "")), Map.of(), Map.of(), library);

        try (PluginClassLoader loader = loader("alpha", plugin, library)) {
            Class<?> pluginClass = loader.loadClass("alpha.AlphaPlugin");

            assertThat(pluginClass.getClassLoader()).isSameAs(loader);
            assertThat(loader.loadClass("lib.Library").getClassLoader()).isSameAs(loader);
            assertThat(DomainPlugin.class.isAssignableFrom(pluginClass)).as("implements the platform's DomainPlugin").isTrue();
            assertThat(loader.loadClass(DomainPlugin.class.getName())).isSameAs(DomainPlugin.class);
            assertThat(loader.loadClass(EntityManager.class.getName())).isSameAs(EntityManager.class);
            assertThat(loader.loadClass(Logger.class.getName())).isSameAs(Logger.class);
            assertThat(loader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
            assertThat(loader.loadClass(HibernateProxy.class.getName())).as("what Hibernate's proxies of entities implement")
                    .isSameAs(HibernateProxy.class);
            DomainPlugin instance = (DomainPlugin) pluginClass.getConstructor().newInstance();
            assertThat(instance.displayName()).isEqualTo("alpha sees library 1");
        }
    }

    @Test
    void thePlatformsOwnClassesOutsideTheSharedPackagesAreHidden() throws Exception {
        try (PluginClassLoader loader = loader("empty")) {
            assertThatThrownBy(() -> loader.loadClass(PluginRegistry.class.getName())).isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("com.zaxxer.hikari.HikariConfig")).isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass("tools.jackson.databind.json.JsonMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void aClassTheFolderBringsWinsOverThePlatformsClassOfTheSameName() throws Exception {
        // This test's own helper exists on the platform's class path; the folder brings another class of that name.
        String name = TestJars.class.getName();
        Path clash = jar(directory.resolve("clash/clash.jar"), Map.of(name,
                "package dev.conveyor.engine.plugin; public final class TestJars { public static String origin() { return \"folder\"; } }"),
                Map.of(), Map.of());

        try (PluginClassLoader loader = loader("clash", clash)) {
            Class<?> loaded = loader.loadClass(name);

            assertThat(loaded).isNotSameAs(TestJars.class);
            assertThat(loaded.getMethod("origin").invoke(null)).isEqualTo("folder");
        }
    }

    @Test
    void resourcesOfSharedPackagesComeFromThePlatformAndTheOthersFromTheFolder() throws Exception {
        Path resources = jar(directory.resolve("resources/resources.jar"), Map.of(), Map.of(
                SdkVersion.RESOURCE, "version=9.9.9\n",
                "db/alpha/V1__alpha.sql", "create table alpha (id int);\n"), Map.of());

        try (PluginClassLoader loader = loader("resources", resources)) {
            assertThat(loader.getResource(SdkVersion.RESOURCE)).isEqualTo(PLATFORM.getResource(SdkVersion.RESOURCE));
            assertThat(Collections.list(loader.getResources(SdkVersion.RESOURCE)))
                    .isEqualTo(Collections.list(PLATFORM.getResources(SdkVersion.RESOURCE)));
            assertThat(loader.getResource("db/alpha/V1__alpha.sql").toString()).contains("resources.jar");
            assertThat(PLATFORM.getResource("db/alpha/V1__alpha.sql")).isNull();
        }
    }

    @Test
    void twoFoldersWithTwoVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
        Path one = jar(directory.resolve("one/library-1.jar"), Map.of("lib.Library", library("1")), Map.of(), Map.of());
        Path two = jar(directory.resolve("two/library-2.jar"), Map.of("lib.Library", library("2")), Map.of(), Map.of());

        try (PluginClassLoader first = loader("one", one); PluginClassLoader second = loader("two", two)) {
            Class<?> firstLibrary = first.loadClass("lib.Library");
            Class<?> secondLibrary = second.loadClass("lib.Library");

            assertThat(firstLibrary).isNotSameAs(secondLibrary);
            assertThat(firstLibrary.getMethod("version").invoke(null)).isEqualTo("1");
            assertThat(secondLibrary.getMethod("version").invoke(null)).isEqualTo("2");
            assertThatThrownBy(() -> PLATFORM.loadClass("lib.Library")).isInstanceOf(ClassNotFoundException.class);
        }
    }

    private static PluginClassLoader loader(String name, Path... jars) throws Exception {
        List<URL> urls = new java.util.ArrayList<>();
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
        return new PluginClassLoader("plugin-" + name, urls, PLATFORM, PluginDiscovery.sharedWithPlugins());
    }
}
