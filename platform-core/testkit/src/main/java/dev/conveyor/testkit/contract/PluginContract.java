package dev.conveyor.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.settings.SettingProperty;
import dev.conveyor.engine.settings.SettingsModel;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Violation;
import dev.conveyor.services.Sql;
import dev.conveyor.testkit.runtime.PluginRuntime;
import dev.conveyor.testkit.unit.Constraints;
import dev.conveyor.testkit.unit.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every plugin must hold, as JUnit tests a plugin's test class inherits with one line:
 *
 * <pre>{@code
 * final class ClaimsContractIT implements PluginContract {
 *     public DomainPlugin<?> plugin() { return new ClaimsPlugin(); }
 *     public String sampleSettings() { return "{\"adjusters\": [{\"name\": \"Kim\", \"upTo\": \"HIGH\"}]}"; }
 * }
 * }</pre>
 *
 * It checks that the plugin loads (topology, routes, settings record); that the sample settings are valid, every
 * declared default is valid for its setting and a wrong value of each setting is refused naming it; that
 * {@code handlers(settings)} handles every stage; that every message type survives a trip through JSON and fits
 * its generated JSON Schema; that the migrations apply on real Postgres with row-level security on every table
 * holding {@code tenant_id}, and a tenant with the sample settings runs; and that no test of the plugin reaches into
 * the engine. Name the class {@code *IT}: part of it runs on Postgres and Azurite.
 */
public interface PluginContract {

    /** The plugin under test. */
    DomainPlugin<?> plugin();

    /**
     * Settings a tenant could have, as a JSON object; by default none, which suits a plugin whose every setting has a
     * default. Give them when some setting is required.
     */
    default String sampleSettings() {
        return "{}";
    }

    /**
     * Examples of the plugin's messages, valid by their rules. A message type with samples must round-trip them and
     * they must fit its full schema; one without is checked with a made-up instance against its shape alone.
     */
    default List<Object> sampleMessages() {
        return List.of();
    }

    @Test
    default void thePluginLoadsWithItsTopologyRoutesAndSettings() {
        new PluginRegistry(List.of(plugin()));
    }

    @Test
    default void theSampleSettingsAreValid() {
        assertThat(TestSettings.violations(plugin(), TestSettings.parse(sampleSettings())))
                .as("the sample settings %s (give valid ones from sampleSettings())", sampleSettings())
                .isEmpty();
    }

    @Test
    default void everyStageHasAHandlerBuiltFromTheSampleSettings() {
        DomainPlugin<?> plugin = plugin();
        Set<String> handled = handlers(plugin, TestSettings.parse(sampleSettings())).stages();
        List<String> stages = plugin.topology().stages().stream().map(Stage::name).toList();
        assertThat(stages.stream().filter(stage -> !handled.contains(stage)).toList())
                .as("stages that handlers(settings) gives no handler").isEmpty();
        assertThat(handled).as("handlers given for stages the topology does not have (stages: %s)", stages)
                .isSubsetOf(stages);
    }

    @TestFactory
    default Stream<DynamicTest> everyMessageTypeRoundTripsThroughJsonAndFitsItsSchema() {
        Map<String, MessageType<?>> types = new LinkedHashMap<>();
        for (Queue<?> queue : plugin().topology().queues()) {
            types.putIfAbsent(queue.messageType().name(), queue.messageType());
        }
        List<Object> samples = sampleMessages();
        for (Object sample : samples) {
            assertThat(types.values().stream().anyMatch(type -> type.javaType() == sample.getClass()))
                    .as("sample %s is of no message type of the plugin (types: %s)", sample, types.keySet()).isTrue();
        }
        return types.values().stream().map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            List<Object> mine = samples.stream().filter(sample -> sample.getClass() == type.javaType()).toList();
            if (mine.isEmpty()) {
                Object madeUp;
                try {
                    madeUp = Samples.of(type.javaType());
                } catch (IllegalArgumentException e) {
                    throw new AssertionError("cannot make up a " + type.javaType().getSimpleName() + " (" + e.getMessage()
                            + "); return one from sampleMessages()", e);
                }
                checkRoundTrip(type, madeUp, MessageSchemas.structural(type.javaType()));
            } else {
                for (Object sample : mine) {
                    assertThat(Constraints.violations(sample)).as("the rules the sample %s breaks", sample).isEmpty();
                    checkRoundTrip(type, sample, MessageSchemas.of(type.javaType()));
                }
            }
        }));
    }

    @Test
    default void migrationsApplyAndEveryTableWithATenantIdHasRowLevelSecurity() {
        DomainPlugin<?> plugin = plugin();
        PluginRuntime.shared(plugin);
        Sql sql = Sql.asOwner();
        plugin.persistence().migrations().ifPresent(location -> {
            String history = "flyway_history_" + plugin.id().replace('-', '_');
            assertThat(sql.count("select count(*) from " + history + " where not success")).as("failed migrations in %s", history)
                    .isZero();
            assertThat(sql.count("select count(*) from " + history + " where success and version <> '0'"))
                    .as("migrations applied from %s", location).isPositive();
        });
        List<Map<String, Object>> unsecured = sql.rows("""
                select c.relname as table_name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind = 'r'
                  and exists (select 1 from information_schema.columns col where col.table_schema = n.nspname
                              and col.table_name = c.relname and col.column_name = 'tenant_id')
                  and not (c.relrowsecurity and c.relforcerowsecurity
                           and exists (select 1 from pg_policies p where p.schemaname = n.nspname
                                       and p.tablename = c.relname and p.policyname = 'tenant_isolation'))""");
        assertThat(unsecured).as("tables with tenant_id but no forced row-level security").isEmpty();
    }

    @Test
    default void aTenantWithTheSampleSettingsIsCreatedAndRuns() {
        assertThat(PluginRuntime.shared(plugin()).tenant(sampleSettings()).id()).isNotBlank();
    }

    @TestFactory
    default Stream<DynamicTest> everyDeclaredDefaultIsValidForItsSetting() {
        DomainPlugin<?> plugin = plugin();
        Map<String, Object> sample = TestSettings.parse(sampleSettings());
        List<SettingProperty> withDefaults = SettingsModel.of(plugin).properties().stream()
                .filter(property -> property.defaultValue() != null).toList();
        if (withDefaults.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("no setting declares a default", () -> { }));
        }
        return withDefaults.stream().map(property -> DynamicTest.dynamicTest(property.name(), () -> {
            Map<String, Object> config = new LinkedHashMap<>(sample);
            config.remove(property.name());
            assertThat(TestSettings.violations(plugin, config)).as("violations with %s at its default '%s'", property.name(),
                    property.defaultValue()).filteredOn(violation -> names(violation, property.name())).isEmpty();
        }));
    }

    @TestFactory
    default Stream<DynamicTest> aWrongValueOfEachSettingIsRefusedNamingIt() {
        DomainPlugin<?> plugin = plugin();
        Map<String, Object> sample = TestSettings.parse(sampleSettings());
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("an unknown setting", () -> {
            Map<String, Object> config = new LinkedHashMap<>(sample);
            config.put("noSuchSetting", "x");
            assertThat(TestSettings.violations(plugin, config)).extracting(Violation::field).contains("config.noSuchSetting");
        }));
        for (SettingProperty property : SettingsModel.of(plugin).properties()) {
            tests.add(DynamicTest.dynamicTest(property.name() + " (" + property.type() + ")", () -> {
                Map<String, Object> config = new LinkedHashMap<>(sample);
                config.put(property.name(), wrongValue(property));
                List<Violation> violations = TestSettings.violations(plugin, config);
                assertThat(violations).as("violations of %s = %s", property.name(), config.get(property.name()))
                        .anySatisfy(violation -> assertThat(names(violation, property.name())).isTrue());
            }));
        }
        return tests.stream();
    }

    @Test
    default void noTestOfThePluginReachesIntoTheEngine() throws IOException {
        List<Path> roots = Stream.of("src/test/java", "src/it/java").map(Path::of).filter(Files::isDirectory).toList();
        Assumptions.assumeFalse(roots.isEmpty(), "no test sources under " + Path.of("").toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    try {
                        if (Files.readString(file).contains("dev.conveyor.engine.")) {
                            offenders.add(file.toString());
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        assertThat(offenders).as("tests that use the engine's internals (use the testkit: TestHandlerContext,"
                + " TestRequestContext, Constraints, TestSettings, PluginRuntime)").isEmpty();
    }

    // ---- how -----------------------------------------------------------------------------------------------

    private static <S> Handlers handlers(DomainPlugin<S> plugin, Map<String, Object> config) {
        return plugin.handlers(TestSettings.bind(plugin, config));
    }

    private static void checkRoundTrip(MessageType<?> type, Object message, JsonNode schema) {
        JsonMapper json = new EnvelopeCodec().json();
        JsonNode written = json.valueToTree(message);
        Object read;
        try {
            read = json.treeToValue(written, type.javaType());
        } catch (RuntimeException e) {
            throw new AssertionError(type.name() + ": " + written + " does not read back into "
                    + type.javaType().getSimpleName() + ": " + e.getMessage(), e);
        }
        assertThat(read).as("%s read back from %s", type.name(), written).isEqualTo(message);
        assertThat(MessageSchemas.problems(schema, written)).as("where %s breaks the schema %s", written, schema).isEmpty();
    }

    private static boolean names(Violation violation, String setting) {
        String field = "config." + setting;
        return violation.field().equals(field) || violation.field().startsWith(field + ".")
                || violation.field().startsWith(field + "[");
    }

    private static Object wrongValue(SettingProperty property) {
        return switch (property.type()) {
            case INTEGER, NUMBER -> "not a number";
            case BOOLEAN -> "perhaps";
            case DURATION -> "soon";
            case ENUM -> "NO_SUCH_OPTION";
            case OBJECT -> Map.of("noSuchSetting", 1);
            case LIST -> Map.of("not", "a list");
            // a JSON object where text is expected: nothing reads it as text
            default -> Map.of("not", "text");
        };
    }
}
