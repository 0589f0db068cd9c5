package dev.conveyor.engine.settings;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A plugin's settings record, understood once: the property list the API shows, which top-level settings are
 * secret, and the binding of a tenant's settings (a JSON object) into the record. Binding applies each component's
 * {@link Setting#defaultValue()} when the tenant gives none, accepts for compatibility a comma-separated string for a
 * list of scalars and a JSON text string for a nested record or list, reads durations as {@code 24h}/{@code 500ms}
 * or ISO-8601, refuses unknown names naming the known ones, then checks Bean Validation and the plugin's own
 * {@link DomainPlugin#validateSettings} rules. Every problem is reported at {@code config.<path>}.
 */
public final class SettingsModel<S> {

    /** Where settings sit in a tenant: every violation's path starts here. */
    static final String ROOT = "config";
    private static final int MAX_DEPTH = 8;

    private static final JsonMapper JSON = JsonMapper.builder(EnvelopeCodec.boundedJsonFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A primitive left out is its zero value; a setting that must be given is a wrapper marked @NotNull.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final DomainPlugin<S> plugin;
    private final Class<S> type;
    private final RecordShape shape;
    private final List<SettingProperty> properties;
    private final Set<String> secretNames;

    private SettingsModel(DomainPlugin<S> plugin, Class<S> type) {
        this.plugin = plugin;
        this.type = type;
        this.shape = recordShape(type, 0);
        this.properties = shape.components().stream().map(SettingsModel::property).toList();
        Set<String> secrets = new LinkedHashSet<>();
        shape.components().stream().filter(component -> component.secret() || containsSecret(component.shape()))
                .forEach(component -> secrets.add(component.name()));
        this.secretNames = Set.copyOf(secrets);
    }

    /**
     * The model of {@code plugin}'s settings record.
     *
     * @throws IllegalArgumentException when its settings type is not a record of settings this platform can read
     */
    public static <S> SettingsModel<S> of(DomainPlugin<S> plugin) {
        requireNonNull(plugin, "plugin is null");
        Class<S> type = requireNonNull(plugin.settingsType(), "plugin '" + plugin.id() + "' has no settings type");
        return new SettingsModel<>(plugin, type);
    }

    public Class<S> type() {
        return type;
    }

    /** The settings as the API lists them, in the record's order. */
    public List<SettingProperty> properties() {
        return properties;
    }

    /** The top-level settings stored encrypted and shown masked: secret ones, or ones holding a secret. */
    public Set<String> secretNames() {
        return secretNames;
    }

    /**
     * The tenant's settings as the plugin's record, defaults applied and every rule checked.
     *
     * @throws ValidationException naming every problem at {@code config.<path>}
     */
    public S bind(Map<String, Object> config) {
        Bound<S> bound = tryBind(config);
        if (!bound.violations().isEmpty()) {
            throw new ValidationException("the settings of plugin '" + plugin.id() + "'", bound.violations());
        }
        return bound.settings();
    }

    /** Every problem of {@code config}; empty when it binds and holds every rule. */
    public List<Violation> check(Map<String, Object> config) {
        return tryBind(config).violations();
    }

    private record Bound<S>(S settings, List<Violation> violations) {
    }

    private Bound<S> tryBind(Map<String, Object> config) {
        requireNonNull(config, "config is null");
        List<Violation> problems = new ArrayList<>();
        JsonNode normalized = normalizeRecord(shape, JSON.valueToTree(config), ROOT, problems, true);
        if (!problems.isEmpty()) {
            return new Bound<>(null, problems);
        }
        S settings;
        try {
            settings = JSON.treeToValue(normalized, type);
        } catch (JacksonException e) {
            String path = EnvelopeCodec.jsonPath(e);
            return new Bound<>(null, List.of(new Violation(path.equals("$") ? ROOT : ROOT + "." + path,
                    EnvelopeCodec.problem(e))));
        }
        problems.addAll(BeanValidation.onSystemClock().violations(settings, ROOT + "."));
        if (problems.isEmpty()) {
            List<Violation> rules;
            try {
                rules = plugin.validateSettings(settings);
            } catch (RuntimeException e) {
                throw new EngineException(ErrorCode.PLUGIN_FAILED, "plugin '" + plugin.id()
                        + "' failed while checking settings (a bug in the plugin; its tenants cannot change settings): " + e, e);
            }
            for (Violation violation : rules) {
                problems.add(violation.field().startsWith(ROOT + ".") ? violation
                        : new Violation(ROOT + "." + violation.field(), violation.message()));
            }
        }
        return new Bound<>(problems.isEmpty() ? settings : null, List.copyOf(problems));
    }

    // ---- binding --------------------------------------------------------------------------------------------

    private JsonNode normalize(Shape shape, JsonNode value, String path, List<Violation> problems) {
        return switch (shape) {
            case RecordShape record -> normalizeRecord(record, value, path, problems, false);
            case ListShape list -> normalizeList(list, value, path, problems);
            case ScalarShape scalar when scalar.type() == SettingProperty.Type.DURATION && value.isString() ->
                    Durations.parse(value.asString()).<JsonNode>map(duration -> StringNode.valueOf(duration.toString()))
                            .orElseGet(() -> {
                                problems.add(new Violation(path, "must be " + Durations.FORMS));
                                return value;
                            });
            default -> value;
        };
    }

    private JsonNode normalizeRecord(RecordShape shape, JsonNode value, String path, List<Violation> problems,
            boolean root) {
        JsonNode object = value.isString() ? parseText(value.asString()) : value;
        if (object == null || !object.isObject()) {
            problems.add(new Violation(path, "must be a JSON object (or its JSON text) of the settings "
                    + names(shape)));
            return value;
        }
        ObjectNode normalized = JSON.createObjectNode();
        for (String name : object.propertyNames()) {
            if (shape.component(name) == null) {
                problems.add(new Violation(path + "." + name, (root ? "is not a setting of this plugin" : "is not a setting here")
                        + " (settings: " + names(shape) + ")"));
            }
        }
        for (Component component : shape.components()) {
            JsonNode given = object.get(component.name());
            String componentPath = path + "." + component.name();
            if (given == null || given.isNull()) {
                if (component.defaultValue() == null) {
                    continue;
                }
                given = StringNode.valueOf(component.defaultValue());
            }
            normalized.set(component.name(), normalize(component.shape(), given, componentPath, problems));
        }
        return normalized;
    }

    private JsonNode normalizeList(ListShape shape, JsonNode value, String path, List<Violation> problems) {
        JsonNode array = value;
        if (value.isString()) {
            String text = value.asString().strip();
            if (text.startsWith("[")) {
                array = parseText(text);
            } else if (shape.items() instanceof ScalarShape || shape.items() instanceof EnumShape) {
                ArrayNode split = JSON.createArrayNode();
                Arrays.stream(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).forEach(split::add);
                array = split;
            } else {
                array = null;
            }
        }
        if (array == null || !array.isArray()) {
            problems.add(new Violation(path, "must be a list: a JSON array (or its JSON text)"
                    + (shape.items() instanceof RecordShape ? "" : " or comma-separated text")));
            return value;
        }
        ArrayNode normalized = JSON.createArrayNode();
        for (int index = 0; index < array.size(); index++) {
            JsonNode item = array.get(index);
            normalized.add(item.isNull() ? item : normalize(shape.items(), item, path + "[" + index + "]", problems));
        }
        return normalized;
    }

    private static JsonNode parseText(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String names(RecordShape shape) {
        return shape.components().isEmpty() ? "none"
                : String.join(", ", shape.components().stream().map(Component::name).sorted().toList());
    }

    // ---- the shape of the record ----------------------------------------------------------------------------

    private sealed interface Shape permits ScalarShape, EnumShape, RecordShape, ListShape {
    }

    private record ScalarShape(SettingProperty.Type type) implements Shape {
    }

    private record EnumShape(List<String> options) implements Shape {
    }

    private record ListShape(Shape items) implements Shape {
    }

    private record RecordShape(Class<?> type, List<Component> components) implements Shape {
        Component component(String name) {
            return components.stream().filter(component -> component.name().equals(name)).findFirst().orElse(null);
        }
    }

    private record Component(String name, Shape shape, String help, String defaultValue, boolean required,
            boolean secret) {
    }

    private static RecordShape recordShape(Class<?> type, int depth) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("settings type " + type.getName() + " must be a record");
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("settings type " + type.getName() + " nests deeper than " + MAX_DEPTH);
        }
        List<Component> components = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Setting setting = component.getAnnotation(Setting.class);
            String defaultValue = setting == null || setting.defaultValue().isEmpty() ? null : setting.defaultValue();
            Field field = field(type, component.getName());
            boolean required = defaultValue == null && field != null && (field.isAnnotationPresent(NotNull.class)
                    || field.isAnnotationPresent(NotEmpty.class) || field.isAnnotationPresent(NotBlank.class));
            components.add(new Component(component.getName(), shape(component.getGenericType(), type, depth + 1),
                    setting == null ? "" : setting.help(), defaultValue, required, setting != null && setting.secret()));
        }
        return new RecordShape(type, List.copyOf(components));
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Shape shape(Type type, Class<?> owner, int depth) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return new ListShape(shape(parameterized.getActualTypeArguments()[0], owner, depth));
        }
        if (!(type instanceof Class<?> raw)) {
            throw new IllegalArgumentException("settings type " + owner.getName() + " has a component of type " + type
                    + ", which settings cannot hold (use a record, a list, an enum or a plain value)");
        }
        if (raw.isEnum()) {
            return new EnumShape(Arrays.stream(raw.getEnumConstants()).map(constant -> ((Enum<?>) constant).name()).toList());
        }
        if (raw.isRecord()) {
            return recordShape(raw, depth);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            throw new IllegalArgumentException("settings type " + owner.getName() + " has a raw " + raw.getSimpleName()
                    + "; give its element type, such as List<String>");
        }
        return new ScalarShape(scalarType(raw));
    }

    private static SettingProperty.Type scalarType(Class<?> raw) {
        if (raw == boolean.class || raw == Boolean.class) {
            return SettingProperty.Type.BOOLEAN;
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
                || raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
            return SettingProperty.Type.INTEGER;
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class
                || raw == BigDecimal.class) {
            return SettingProperty.Type.NUMBER;
        }
        if (raw == Duration.class) {
            return SettingProperty.Type.DURATION;
        }
        if (raw == URI.class || raw == URL.class) {
            return SettingProperty.Type.URL;
        }
        return SettingProperty.Type.STRING;
    }

    private static boolean containsSecret(Shape shape) {
        return switch (shape) {
            case RecordShape record -> record.components().stream()
                    .anyMatch(component -> component.secret() || containsSecret(component.shape()));
            case ListShape list -> containsSecret(list.items());
            default -> false;
        };
    }

    private static SettingProperty property(Component component) {
        SettingProperty described = describe(component.shape());
        return new SettingProperty(component.name(), described.type(), component.help(), component.defaultValue(),
                component.required(), component.secret(), described.options(), described.properties(), described.items());
    }

    /** The type-derived part of a property (no name, help or default). */
    private static SettingProperty describe(Shape shape) {
        return switch (shape) {
            case ScalarShape scalar -> new SettingProperty(null, scalar.type(), null, null, false, false, null, null, null);
            case EnumShape enumeration -> new SettingProperty(null, SettingProperty.Type.ENUM, null, null, false, false,
                    enumeration.options(), null, null);
            case RecordShape record -> new SettingProperty(null, SettingProperty.Type.OBJECT, null, null, false, false,
                    null, record.components().stream().map(SettingsModel::property).toList(), null);
            case ListShape list -> new SettingProperty(null, SettingProperty.Type.LIST, null, null, false, false, null,
                    null, describe(list.items()));
        };
    }
}
