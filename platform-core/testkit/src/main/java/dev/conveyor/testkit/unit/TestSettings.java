package dev.conveyor.testkit.unit;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.settings.SettingsModel;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's settings read into the plugin's record exactly as the platform reads them when a tenant is created or
 * updated: defaults applied, lists also as comma-separated text, durations as {@code 24h}, unknown names refused,
 * Bean Validation and then {@link DomainPlugin#validateSettings}; every problem named at {@code config.<path>}.
 *
 * <pre>{@code
 * EcommerceSettings settings = TestSettings.bind(new EcommercePlugin(), Map.of("warehouses", "east,west"));
 * assertThat(TestSettings.violations(plugin, Map.of("warehouses", List.of()))).extracting(Violation::field)
 *         .containsExactly("config.warehouses");
 * }</pre>
 */
public final class TestSettings {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestSettings() {
    }

    /**
     * The settings record for {@code config} (names of the settings mapped to JSON values, or their text).
     *
     * @throws ValidationException naming every problem, as the API's 400 would
     */
    public static <S> S bind(DomainPlugin<S> plugin, Map<String, Object> config) {
        return SettingsModel.of(requireNonNull(plugin, "plugin is null")).bind(requireNonNull(config, "config is null"));
    }

    /** {@link #bind} from a JSON object such as {@code {"warehouses": ["east", "west"]}}. */
    public static <S> S bindJson(DomainPlugin<S> plugin, String json) {
        return bind(plugin, parse(json));
    }

    /** Every problem of {@code config}, each at {@code config.<path>}; empty when the platform would accept it. */
    public static List<Violation> violations(DomainPlugin<?> plugin, Map<String, Object> config) {
        return SettingsModel.of(requireNonNull(plugin, "plugin is null")).check(requireNonNull(config, "config is null"));
    }

    /** A JSON object of settings as a map, as the API reads a tenant's {@code config}. */
    public static Map<String, Object> parse(String json) {
        requireNonNull(json, "json is null");
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new IllegalArgumentException("settings must be a JSON object such as {\"name\": \"value\"}: "
                    + e.getOriginalMessage(), e);
        }
    }
}
