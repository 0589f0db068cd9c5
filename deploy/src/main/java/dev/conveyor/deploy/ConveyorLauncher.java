package dev.conveyor.deploy;

import dev.conveyor.engine.secrets.OwnerOnlyFiles;
import dev.conveyor.server.ConveyorServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point of {@code ./conveyor}: {@code serve} runs the server; {@code demo} also sends live traffic
 * through the demo tenants and prints a summary. Without {@code CONVEYOR_DB_URL} and
 * {@code CONVEYOR_STORAGE_CONNECTION_STRING}, both start an embedded Postgres (data kept in {@code .conveyor/})
 * and Azurite.
 */
public final class ConveyorLauncher {

    private static final Path STATE = Path.of(".conveyor");

    private ConveyorLauncher() {
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("conveyor: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        quietenStartupLogging();
        LocalRuntime runtime = LocalRuntime.start(STATE);
        int port = options.port() > 0 ? options.port() : portOrFree(8080);
        Map<String, Object> properties = new HashMap<>(runtime.springProperties());
        properties.put("server.port", port);
        properties.put("server.address", "127.0.0.1");
        properties.put("logging.file.name", STATE.resolve("conveyor.log").toString());
        properties.put("logging.config", "classpath:logback-local.xml");
        String adminKey = System.getenv("CONVEYOR_ADMIN_KEY");
        if (options.demo() && (adminKey == null || adminKey.isBlank())) {
            adminKey = demoAdminKey();
        }
        if (adminKey != null && !adminKey.isBlank()) {
            properties.put("conveyor.bootstrap-admin-key", adminKey);
        }
        properties.put("conveyor.bootstrap-admin-key-file", STATE.resolve("admin-key").toString());
        if (options.demo()) {
            // Without CONVEYOR_SECRETS_KEY the demo keeps a generated one next to its database; serve refuses to
            // start without one unless told where to keep it (--conveyor.secrets.key-file=...).
            properties.put("conveyor.secrets.key-file", STATE.resolve("secrets-key").toString());
        }
        String baseUrl = "http://127.0.0.1:" + port;
        // The links in e-mails and SMS (tracking pages, unsubscribe) lead here unless CONVEYOR_LINKS_BASE_URL says
        // where customers reach this server.
        properties.put("conveyor.links.base-url", baseUrl);
        DemoMailroom mailroom = null;
        if (options.demo()) {
            // Notifications and webhooks go to local stand-ins of the providers, listed on a page of their own.
            mailroom = DemoMailroom.start();
            properties.putAll(mailroom.serverProperties());
        }
        if (options.demo()) {
            // The console belongs to the progress bar and the summary; everything else goes to the log file.
            properties.put("logging.threshold.console", "WARN");
            properties.put("spring.main.banner-mode", "off");
        }
        // SIGTERM (an orchestrator stopping the pod) is an orderly stop: the shutdown hooks stop receiving, give
        // in-flight messages the grace period, release the rest, and the process exits 0 rather than 143.
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.exit(0));
        Optional<ConfigurableApplicationContext> started = ConveyorServer.start(properties, options.springArguments());
        if (started.isEmpty()) {
            // conveyor.mode=migrate: the migrations ran, nothing serves
            runtime.close();
            System.exit(0);
            return;
        }
        ConfigurableApplicationContext context = started.get();
        if (!options.demo()) {
            printUrls(baseUrl);
            return;
        }
        DemoApi api = new DemoApi(baseUrl, adminKey);
        String runId = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        java.util.Random random = new java.util.Random();
        List<DemoScenario> scenarios = List.of(new LogisticsScenario(random, runId), new EcommerceScenario(random, runId),
                new HealthcareScenario(random, runId));
        for (DemoScenario scenario : scenarios) {
            api.ensureTenant(scenario);
            api.ensureWebhookEndpoint(scenario.tenant(), mailroom.webhookUrl(scenario.tenant()));
            scenario.prepare(api);
            System.out.println("Tenant '" + scenario.tenant() + "' (" + scenario.plugin() + ") is ready;"
                    + " created through POST /api/v1/tenants, its webhooks sent to the demo's receiver");
        }
        DemoReport report = new DemoTraffic(api, scenarios, options.orders(), options.rate(), System.out).run();
        report.print(System.out);
        mailroom.printDeliveries(System.out, scenarios.stream().map(DemoScenario::tenant).toList(), !options.exitWhenDone());
        if (options.exitWhenDone()) {
            int status = report.everyRequestFinal() ? 0 : 1;
            context.close();
            mailroom.close();
            runtime.close();
            System.exit(status);
        }
        printUrls(baseUrl);
        System.out.println("  messages sent   " + mailroom.pageUrl() + "  (e-mail, SMS and webhooks the demo caught)");
        System.out.println("Still serving; press Ctrl-C to stop.");
    }

    /** Until Spring configures logging, Logback logs everything at DEBUG: keep the services' start-up to a line each. */
    private static void quietenStartupLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            logback.getLogger("io.zonky").setLevel(Level.WARN);
        }
    }

    /**
     * The demo's platform admin key, kept in {@code .conveyor/admin-key} (readable by its owner only) so that every
     * run against the same database uses the same key instead of registering a new one.
     */
    private static String demoAdminKey() {
        return OwnerOnlyFiles.readOrCreate(STATE.resolve("admin-key"), () -> {
            java.security.SecureRandom random = new java.security.SecureRandom();
            byte[] id = new byte[6];
            byte[] secret = new byte[32];
            random.nextBytes(id);
            random.nextBytes(secret);
            return "cvk_" + java.util.HexFormat.of().formatHex(id) + "_" + java.util.HexFormat.of().formatHex(secret);
        });
    }

    private static void printUrls(String baseUrl) {
        System.out.println();
        System.out.println("Conveyor is serving on " + baseUrl);
        System.out.println("  console         " + baseUrl + "/console  (sign in with the admin key below)");
        System.out.println("  health          " + baseUrl + "/actuator/health");
        System.out.println("  API docs        " + baseUrl + "/swagger-ui.html");
        System.out.println("  admin key       " + STATE.resolve("admin-key").toAbsolutePath()
                + " (send it as 'Authorization: Bearer <key>')");
        System.out.println("  tenants         " + baseUrl + "/api/v1/tenants  (acme, shopexpress, healthcare)");
        System.out.println("  an order        " + baseUrl + "/api/v1/tenants/acme/orders/{orderId}");
        System.out.println("  a shipment      " + baseUrl + "/api/v1/tenants/acme/shipments/{trackingNumber}");
        System.out.println("  a label (PDF)   " + baseUrl + "/api/v1/tenants/shopexpress/labels/{trackingNumber}");
        System.out.println("  an appointment  " + baseUrl + "/api/v1/tenants/healthcare/appointments/{appointmentId}");
        System.out.println("  dead letters    " + baseUrl + "/api/v1/tenants/{tenant}/dead-letters");
        System.out.println("  log             " + STATE.resolve("conveyor.log").toAbsolutePath());
    }

    private static int portOrFree(int preferred) throws IOException {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException busy) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    /** What the command line asked for. Unknown {@code --name=value} options go to Spring. */
    record LaunchOptions(boolean demo, boolean help, int orders, double rate, boolean exitWhenDone, int port,
            String[] springArguments) {

        static final String USAGE = """
                usage: ./conveyor serve [--port N] [--spring.property=value ...]
                       ./conveyor demo [--orders N] [--rate ORDERS_PER_SECOND] [--exit] [--port N]
                       ./conveyor test
                  demo    starts Postgres, Azurite and the server, creates the demo tenants acme (logistics),
                          shopexpress (e-commerce) and healthcare through the API, sends N realistic requests
                          among them (default 300) at the given total rate (default 25/s) with a progress bar
                          and prints a summary per tenant; --exit stops afterwards, exit code 0 only if every
                          accepted request reached a final state.
                  serve   runs the server; without CONVEYOR_DB_URL and CONVEYOR_STORAGE_CONNECTION_STRING it
                          starts an embedded Postgres (data in .conveyor/) and Azurite.""";

        static LaunchOptions parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("name a command: serve or demo");
            }
            boolean demo;
            switch (args[0]) {
                case "demo" -> demo = true;
                case "serve" -> demo = false;
                case "help", "--help", "-h" -> {
                    return new LaunchOptions(false, true, 0, 0, false, 0, new String[0]);
                }
                default -> throw new IllegalArgumentException("unknown command '" + args[0] + "' (commands: serve, demo, test)");
            }
            int orders = 300;
            double rate = 25;
            boolean exit = false;
            int port = 0;
            List<String> spring = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--orders" -> orders = positiveInt(arg, value(args, ++i, arg));
                    case "--rate" -> rate = positiveDouble(arg, value(args, ++i, arg));
                    case "--port" -> port = positiveInt(arg, value(args, ++i, arg));
                    case "--exit" -> exit = true;
                    default -> {
                        if (!arg.startsWith("--") || !arg.contains("=")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        spring.add(arg);
                    }
                }
            }
            if (!demo && (exit || orders != 300 || rate != 25)) {
                throw new IllegalArgumentException("--orders, --rate and --exit belong to demo, not serve");
            }
            return new LaunchOptions(demo, false, orders, rate, exit, port, spring.toArray(String[]::new));
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int positiveInt(String option, String value) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed > 0) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive whole number, was '" + value + "'");
        }

        private static double positiveDouble(String option, String value) {
            try {
                double parsed = Double.parseDouble(value);
                if (parsed > 0 && Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive number, was '" + value + "'");
        }
    }
}
