package dev.conveyor.engine.request;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads an action's body into its item records: JSON (one object, or an array of them) or CSV (a header row naming
 * the components, then a row per item), as the body's media type says among those the action accepts. Items are
 * counted while the body streams: the first past {@link Action#maxItems()} stops the read. Each item is checked with
 * Bean Validation and every broken rule reported at {@code rows[i].field} (i counts items from 0). What the body
 * stream itself throws (the server's size limit) is passed on as an {@link UncheckedIOException}.
 */
public final class ActionInput {

    private static final JsonMapper JSON = JsonMapper.builder(EnvelopeCodec.boundedJsonFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Items are read one at a time from one parser: what follows an item is the next one.
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(CsvReadFeature.TRIM_SPACES)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.EMPTY_STRING_AS_NULL)
            .build();

    private ActionInput() {
    }

    /**
     * The body's items, each valid.
     *
     * @param contentType the body's media type as sent ({@code text/csv; charset=utf-8}), or null when none was
     * @throws EngineException      ({@link ErrorCode#UNSUPPORTED_MEDIA_TYPE}) naming the accepted media types
     * @throws ValidationException  naming each problem: unreadable input, too many items, broken rules
     * @throws UncheckedIOException when reading the body failed (its cause says why: the size limit, a lost client)
     */
    public static <I> List<I> read(Action<I> action, String contentType, InputStream body) {
        requireNonNull(action, "action is null");
        requireNonNull(body, "body is null");
        Action.InputFormat format = format(action, contentType);
        String subject = "the body of action '" + action.resource() + "'";
        List<I> items = new ArrayList<>();
        List<Violation> problems = new ArrayList<>();
        try {
            switch (format) {
                case JSON -> readJson(action, body, items, problems);
                case CSV -> readCsv(action, new InputStreamReader(body, charset(contentType)), items, problems);
            }
        } catch (JacksonIOException e) {
            throw new UncheckedIOException(e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        if (problems.isEmpty()) {
            for (int index = 0; index < items.size(); index++) {
                problems.addAll(BeanValidation.violations(items.get(index), "rows[" + index + "]."));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(subject, problems);
        }
        return List.copyOf(items);
    }

    private static Action.InputFormat format(Action<?> action, String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (Action.InputFormat format : action.accepts()) {
            if (format.mediaType().equals(mediaType)
                    || format == Action.InputFormat.JSON && mediaType.startsWith("application/") && mediaType.endsWith("+json")) {
                return format;
            }
        }
        throw new EngineException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "action '" + action.resource() + "' reads "
                + String.join(" or ", action.accepts().stream().map(Action.InputFormat::mediaType).sorted().toList())
                + (mediaType.isEmpty() ? ", and the request has no Content-Type" : ", not " + mediaType)
                + "; send its body as one of those, with that Content-Type");
    }

    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (RuntimeException e) {
                    throw new EngineException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "charset '" + pair[1].strip()
                            + "' is not one this server reads; send UTF-8");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static <I> void readJson(Action<I> action, InputStream body, List<I> items, List<Violation> problems) {
        ObjectReader reader = JSON.readerFor(action.itemType());
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                items.add(readItem(reader, parser, 0, problems));
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() == null) {
                        problems.add(new Violation("$", "malformed JSON: the array does not end"));
                        return;
                    }
                    if (items.size() == action.maxItems()) {
                        problems.add(tooMany(action));
                        return;
                    }
                    I item = readItem(reader, parser, items.size(), problems);
                    if (item == null) {
                        return;
                    }
                    items.add(item);
                }
            } else {
                problems.add(new Violation("$", "the body must be a JSON object or an array of them"));
            }
        } catch (StreamReadException e) {
            problems.add(new Violation("$", EnvelopeCodec.problem(e) + ": " + e.getOriginalMessage()));
        }
        items.removeIf(java.util.Objects::isNull);
    }

    private static <I> I readItem(ObjectReader reader, JsonParser parser, int index, List<Violation> problems) {
        try {
            I item = reader.readValue(parser);
            if (item == null) {
                problems.add(new Violation("rows[" + index + "]", "must be an object, not null"));
            }
            return item;
        } catch (StreamReadException | JacksonIOException e) {
            throw e;
        } catch (JacksonException e) {
            problems.add(new Violation(itemPath(index, e), EnvelopeCodec.problem(e)));
            return null;
        }
    }

    private static <I> void readCsv(Action<I> action, Reader body, List<I> items, List<Violation> problems) {
        ObjectReader reader = CSV.readerFor(action.itemType()).with(CsvSchema.emptySchema().withHeader());
        try (MappingIterator<I> rows = reader.readValues(body)) {
            while (rows.hasNextValue()) {
                if (items.size() == action.maxItems()) {
                    problems.add(tooMany(action));
                    return;
                }
                int index = items.size();
                try {
                    items.add(rows.nextValue());
                } catch (JacksonIOException e) {
                    throw e;
                } catch (JacksonException e) {
                    // A row that cannot be read ends the read: the rows after it may be shifted or cut.
                    problems.add(new Violation(itemPath(index, e), EnvelopeCodec.problem(e) + " (CSV line "
                            + (index + 2) + ", counting the header)"));
                    return;
                }
            }
        } catch (JacksonIOException e) {
            throw e;
        } catch (JacksonException e) {
            problems.add(new Violation(items.isEmpty() ? "$" : "rows[" + items.size() + "]",
                    "unreadable CSV: " + EnvelopeCodec.problem(e)));
        }
    }

    private static String itemPath(int index, JacksonException e) {
        String path = EnvelopeCodec.jsonPath(e);
        // Jackson's path starts at the item (a single item) or at the array holding it: keep the item's part.
        String inItem = path.startsWith("[") ? path.substring(path.indexOf(']') + 1) : path;
        if (inItem.startsWith(".")) {
            inItem = inItem.substring(1);
        }
        return "rows[" + index + "]" + (inItem.isEmpty() || inItem.equals("$") ? "" : "." + inItem);
    }

    private static Violation tooMany(Action<?> action) {
        return new Violation("rows", "at most " + action.maxItems() + " items are accepted per request; send the rest in"
                + " another request");
    }
}
