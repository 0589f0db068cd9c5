package dev.conveyor.testkit.contract;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A made-up instance of a message record, every component filled (records, enums, lists, maps, text, numbers,
 * times), for checking that a type without a sample survives a trip through JSON. It keeps to the types' shapes,
 * not to their Bean Validation rules.
 */
final class Samples {

    private static final int MAX_DEPTH = 8;

    private Samples() {
    }

    /**
     * @throws IllegalArgumentException naming the component whose type it cannot make (give a sample instead)
     */
    static Object of(Class<?> type) {
        return make(type, type.getSimpleName(), 0);
    }

    private static Object make(Type type, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(path + " nests deeper than " + MAX_DEPTH);
        }
        if (type instanceof WildcardType wildcard) {
            return make(wildcard.getUpperBounds()[0], path, depth);
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == Optional.class) {
                return Optional.of(make(arguments[0], path, depth + 1));
            }
            if (Set.class.isAssignableFrom(raw)) {
                return Set.of(make(arguments[0], path + "[0]", depth + 1));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return List.of(make(arguments[0], path + "[0]", depth + 1));
            }
            if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
                return Map.of("key", make(arguments[1], path + ".key", depth + 1));
            }
        }
        if (!(type instanceof Class<?> raw)) {
            throw new IllegalArgumentException(path + " is a " + type.getTypeName() + ", which no sample can be made of");
        }
        Object scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw.isRecord()) {
            return record(raw, path, depth);
        }
        throw new IllegalArgumentException(path + " is a " + raw.getName() + ", which no sample can be made of");
    }

    private static Object record(Class<?> type, String path, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = make(components[i].getGenericType(), path + "." + components[i].getName(), depth + 1);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(path + ": its constructor refused the made-up values (" + e.getCause()
                    + ")", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(path + ": cannot call its canonical constructor (" + e + ")", e);
        }
    }

    private static Object scalar(Class<?> type) {
        if (type == String.class || type == CharSequence.class) {
            return "sample";
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == short.class || type == Short.class) {
            return (short) 1;
        }
        if (type == byte.class || type == Byte.class) {
            return (byte) 1;
        }
        if (type == double.class || type == Double.class) {
            return 1.5;
        }
        if (type == float.class || type == Float.class) {
            return 1.5f;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == char.class || type == Character.class) {
            return 'x';
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        if (type == BigInteger.class) {
            return BigInteger.TEN;
        }
        if (type == UUID.class) {
            return UUID.fromString("00000000-0000-4000-8000-000000000001");
        }
        if (type == URI.class) {
            return URI.create("https://example.com/sample");
        }
        if (type == Instant.class) {
            return Instant.parse("2030-01-02T03:04:05Z");
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2030, 1, 2);
        }
        if (type == LocalTime.class) {
            return LocalTime.of(9, 30);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(2030, 1, 2, 9, 30);
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.of(2030, 1, 2, 9, 30, 0, 0, ZoneOffset.UTC);
        }
        if (type == Duration.class) {
            return Duration.ofMinutes(90);
        }
        if (type == ZoneId.class) {
            return ZoneId.of("Europe/Paris");
        }
        return type == Object.class ? "sample" : null;
    }
}
