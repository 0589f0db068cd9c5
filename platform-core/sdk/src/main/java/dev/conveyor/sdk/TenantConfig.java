package dev.conveyor.sdk;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's validated plugin configuration: the tenant's values over the declared defaults. Reading a property
 * the plugin did not declare is a programming error and throws.
 */
public final class TenantConfig {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, ConfigProperty> declared;
    private final Map<String, String> values;

    public TenantConfig(List<ConfigProperty> declared, Map<String, String> values) {
        this.declared = declared.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(ConfigProperty::name, p -> p));
        this.values = Map.copyOf(values);
    }

    public static TenantConfig empty() {
        return new TenantConfig(List.of(), Map.of());
    }

    /** The value, or the default, or empty when neither is set. */
    public Optional<String> value(String name) {
        ConfigProperty property = declared.get(name);
        if (property == null) {
            throw new IllegalArgumentException("config property '" + name + "' is not declared by the plugin (declared: "
                    + String.join(", ", declared.keySet()) + ")");
        }
        return Optional.ofNullable(values.getOrDefault(name, property.defaultValue()));
    }

    public String string(String name) {
        return value(name).orElseThrow(() -> unset(name));
    }

    public long integer(String name) {
        return Long.parseLong(string(name));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    public Duration duration(String name) {
        return parseDuration(string(name)).orElseThrow(() -> new IllegalStateException(
                "config property '" + name + "' is not a duration"));
    }

    public List<String> list(String name) {
        return value(name).map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** Every value the tenant set (not the defaults). */
    public Map<String, String> values() {
        return values;
    }

    /**
     * Every problem of {@code values} against the declared properties: names not declared, required ones
     * missing, values not of their type. Plugin-specific rules come on top, from the plugin.
     */
    public static List<Violation> check(List<ConfigProperty> declared, Map<String, String> values) {
        java.util.List<Violation> problems = new java.util.ArrayList<>();
        java.util.Set<String> names = declared.stream().map(ConfigProperty::name).collect(java.util.stream.Collectors.toSet());
        values.keySet().stream().filter(name -> !names.contains(name)).sorted().forEach(name -> problems.add(
                new Violation("config." + name, "is not a setting of this plugin (settings: "
                        + String.join(", ", names.stream().sorted().toList()) + ")")));
        for (ConfigProperty property : declared) {
            String value = values.get(property.name());
            if (value == null) {
                if (property.required() && property.defaultValue() == null) {
                    problems.add(new Violation("config." + property.name(), "is required: " + property.help()));
                }
                continue;
            }
            property.type().check(property.name(), value)
                    .ifPresent(problem -> problems.add(new Violation("config." + property.name(), problem)));
        }
        return problems;
    }

    /** ISO-8601 ({@code PT24H}) or a number with a unit ({@code 24h}, {@code 30m}, {@code 10s}, {@code 500ms}, {@code 7d}). */
    public static Optional<Duration> parseDuration(String text) {
        Matcher matcher = SHORT_DURATION.matcher(text.strip());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private IllegalStateException unset(String name) {
        return new IllegalStateException("config property '" + name + "' has no value and no default");
    }
}
