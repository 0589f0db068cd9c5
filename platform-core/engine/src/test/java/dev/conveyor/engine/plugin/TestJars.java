package dev.conveyor.engine.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.sdk.DomainPlugin;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Tiny jars for class-loading tests: Java sources compiled here against the SDK, plus resources and a manifest. */
final class TestJars {

    private TestJars() {
    }

    /** A plugin source with the given id and class, whose display name tells which {@code lib.Library} it sees. */
    static String plugin(String packageName, String className, String id, String extraMembers) {
        return """
                package %s;

                import dev.conveyor.sdk.*;
                import java.util.Map;

                public final class %s implements DomainPlugin<NoSettings> {
                    static final Queue<String> IN = Queue.of("In", "%s.in.v1", String.class);
                    static final Stage<String> WORK = Stage.of("work", IN);

                    public String id() {
                        return "%s";
                    }

                    public String displayName() {
                        return "%s sees library " + lib.Library.version();
                    }

                    public Topology topology() {
                        return Topology.of(WORK);
                    }

                    public Handlers handlers(NoSettings settings) {
                        return Handlers.builder().on(WORK, (message, context) -> { }).build();
                    }
                %s
                }
                """.formatted(packageName, className, id, id, id, extraMembers);
    }

    /** {@code lib.Library}, whose {@code version()} answers {@code version}. */
    static String library(String version) {
        return "package lib; public final class Library { public static String version() { return \"" + version + "\"; } }";
    }

    /**
     * Writes a jar holding {@code sources} (fully qualified class name to source) compiled against the SDK and the
     * jars in {@code classPath}, the {@code resources} (path to text), and {@code manifest} attributes.
     */
    static Path jar(Path jar, Map<String, String> sources, Map<String, String> resources, Map<String, String> manifest,
            Path... classPath) {
        try {
            Path classes = Files.createTempDirectory("test-jar-classes");
            if (!sources.isEmpty()) {
                compile(sources, classes, classPath);
            }
            Manifest content = new Manifest();
            content.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.forEach((name, value) -> content.getMainAttributes().putValue(name, value));
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), content)) {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
                for (Map.Entry<String, String> resource : resources.entrySet()) {
                    put(out, resource.getKey(), resource.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service file that names {@code pluginClass} as a plugin. */
    static Map<String, String> serviceFile(String pluginClass) {
        return Map.of("META-INF/services/" + DomainPlugin.class.getName(), pluginClass + "\n");
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static void compile(Map<String, String> sources, Path classes, Path... classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> path = new ArrayList<>(List.of(location(DomainPlugin.class), location(EntityManager.class),
                location(JsonInclude.class)));
        for (Path entry : classPath) {
            path.add(entry.toString());
        }
        List<JavaFileObject> units = sources.entrySet().stream().map(source -> (JavaFileObject) new SimpleJavaFileObject(
                java.net.URI.create("string:///" + source.getKey().replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.getValue();
            }
        }).toList();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            java.io.StringWriter errors = new java.io.StringWriter();
            boolean compiled = compiler.getTask(errors, files, null, List.of("--release", "21", "-proc:none", "-d",
                    classes.toString(), "-classpath", String.join(java.io.File.pathSeparator, path)), null, units).call();
            if (!compiled) {
                throw new IllegalStateException("test sources do not compile:\n" + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
