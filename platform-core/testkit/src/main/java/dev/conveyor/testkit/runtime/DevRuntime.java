package dev.conveyor.testkit.runtime;

import dev.conveyor.sdk.DomainPlugin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A plugin's dev {@code main()}: runs the plugins on the class path (found as the server finds them) on embedded
 * Postgres and Azurite, makes one tenant of the first with the settings in the JSON file given as the only argument
 * (defaults without one), and reads commands from the console:
 *
 * <pre>
 * ingest claims {"claimId": "C-1", ...}
 * view claims C-1
 * act stock text/csv warehouse,sku,onHand\neast,SKU-1,5
 * dead-letters
 * quit
 * </pre>
 *
 * Run it from the plugin's test class path, for example {@code mvn exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.conveyor.testkit.runtime.DevRuntime -Dexec.args=settings.json}.
 */
public final class DevRuntime {

    private DevRuntime() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        List<DomainPlugin<?>> plugins = new ArrayList<>();
        ServiceLoader.load(DomainPlugin.class).forEach(plugin -> plugins.add((DomainPlugin<?>) plugin));
        if (plugins.isEmpty()) {
            throw new IllegalStateException("no plugin on the class path: is there a META-INF/services/"
                    + DomainPlugin.class.getName() + " naming the plugin class? Class path: "
                    + System.getProperty("java.class.path"));
        }
        String settings = args.length > 0 ? Files.readString(Path.of(args[0])) : "{}";
        try (PluginRuntime runtime = PluginRuntime.builder(plugins.toArray(DomainPlugin<?>[]::new)).start()) {
            TestTenant tenant = runtime.tenant(plugins.getFirst().id(), settings);
            out.println("tenant '" + tenant.id() + "' of plugin '" + plugins.getFirst().id() + "' runs. Commands: ingest"
                    + " <resource> <json>, view <resource> <key>, act <resource> <content-type> <body>, dead-letters, quit");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.strip().equals("quit"); line = in.readLine()) {
                String[] words = line.strip().split(" ", 4);
                try {
                    switch (words[0]) {
                        case "ingest" -> out.println("accepted " + tenant.ingest(words[1], line.strip()
                                .substring(words[0].length() + words[1].length() + 2)).messageId());
                        case "view" -> out.println(tenant.view(words[1], words[2]).map(Object::toString).orElse("404"));
                        case "act" -> out.println(tenant.act(words[1], words[2], words[3].replace("\\n", "\n")));
                        case "dead-letters" -> tenant.deadLetters().forEach(out::println);
                        case "" -> { }
                        default -> out.println("unknown command '" + words[0] + "'");
                    }
                } catch (RuntimeException e) {
                    out.println(e.getMessage());
                }
            }
        }
    }
}
