package dev.conveyor.engine.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes and decodes {@link Envelope}s, and maps their data to and from the plugins' payload records.
 * <p>
 * Error texts name the attribute or JSON path and the kind of problem but never quote what the message holds:
 * they are logged and shown to tenant readers, and a message may carry personal data.
 */
public final class EnvelopeCodec {

    private static final String SPEC_VERSION = "1.0";
    /** The longest envelope id or correlation id. */
    public static final int MAX_IDENTIFIER_LENGTH = 128;
    /**
     * Envelope ids and correlation ids: 1 to {@value #MAX_IDENTIFIER_LENGTH} letters, digits, {@code . _ : -}
     * (UUIDs, Azure queue message ids, ULIDs, "ORD-1001" fit). They become database keys and parts of claim-check
     * blob names, so a slash, a control character or a megabyte of text must never get that far.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_IDENTIFIER_LENGTH + "}");
    private static final String IDENTIFIER_CHARACTERS = "A-Z a-z 0-9 . _ : -";

    /**
     * What any JSON the platform reads may be: the largest document is a claimed payload (16 MiB) in its envelope;
     * no payload nests deeper than a few levels or has numbers of hundreds of digits. Bounds the work a hostile
     * document costs while it streams in, before any rule of its type is checked.
     */
    public static final StreamReadConstraints READ_LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(17L * 1024 * 1024)
            .maxStringLength(16 * 1024 * 1024)
            .maxNameLength(1024)
            .maxNumberLength(100)
            .maxNestingDepth(64)
            .build();

    private final JsonMapper json;

    /** A JSON factory whose parsers keep to {@link #READ_LIMITS}; the API's own JSON mapper is built on it too. */
    public static JsonFactory boundedJsonFactory() {
        return JsonFactory.builder().streamReadConstraints(READ_LIMITS).build();
    }

    public EnvelopeCodec() {
        this.json = JsonMapper.builder(boundedJsonFactory())
                // A field the record does not know is a producer's mistake worth naming, not something to drop.
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    public JsonMapper json() {
        return json;
    }

    public String encode(Envelope envelope) {
        ObjectNode node = json.createObjectNode();
        node.put("specversion", SPEC_VERSION);
        node.put("id", envelope.id());
        node.put("type", envelope.type());
        node.put("source", envelope.source());
        node.put("time", envelope.time().toString());
        node.put("datacontenttype", "application/json");
        node.put("tenant", envelope.tenant());
        node.put("correlationid", envelope.correlationId());
        if (envelope.traceparent() != null) {
            node.put("traceparent", envelope.traceparent());
        }
        if (envelope.expiresAt() != null) {
            node.put("expiresat", envelope.expiresAt().toString());
        }
        if (envelope.dataRef() != null) {
            node.put("dataref", envelope.dataRef());
        } else {
            node.set("data", envelope.data());
        }
        return json.writeValueAsString(node);
    }

    /**
     * Decodes a queue message body. A CloudEvents envelope is accepted anywhere; on an entry queue, a bare JSON
     * object from a foreign producer is wrapped as the queue's type, identified by the queue's message id.
     * Base64-wrapped bodies (the Azure Functions default) are unwrapped first.
     */
    public Envelope decode(String body, QueueContext queue, String queueMessageId, Instant insertedAt) {
        JsonNode tree = parseJson(unwrapBase64(body.strip()));
        if (!tree.isObject()) {
            throw new MalformedMessageException("message body is JSON but not an object");
        }
        if (tree.has("specversion")) {
            return fromCloudEvent(tree);
        }
        if (!queue.entry()) {
            throw new MalformedMessageException("message on internal queue " + queue.queueName()
                    + " is not a CloudEvents 1.0 envelope (no 'specversion')");
        }
        return new Envelope(queueMessageId, queue.messageType(), "urn:conveyor:foreign-producer", insertedAt,
                queue.tenantId(), queueMessageId, null, null, null, tree);
    }

    /** Maps the envelope's data to the payload record, naming the first mismatch when it does not fit. */
    public <T> T payload(Envelope envelope, Class<T> type) {
        if (envelope.data() == null) {
            throw new IllegalStateException("the data of message " + envelope.id() + " is still at " + envelope.dataRef());
        }
        try {
            return json.treeToValue(envelope.data(), type);
        } catch (JacksonException e) {
            throw new MalformedMessageException("data of " + envelope.type() + " message " + envelope.id()
                    + " does not match " + type.getSimpleName() + " at " + jsonPath(e) + ": " + problem(e), e);
        }
    }

    /** Where in the document Jackson failed, as a path like {@code items[2].quantity} ({@code $} for the root). */
    public static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    /**
     * The kind of problem Jackson found, without the input it quotes in its own messages (Jackson writes
     * {@code from String "grace@example.com"}): the path says where, this says what.
     */
    public static String problem(JacksonException e) {
        return switch (e) {
            case UnrecognizedPropertyException unknown -> "unknown field (known fields: "
                    + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")";
            case InvalidNullException nullValue -> "null is not allowed";
            case InvalidFormatException format -> "not a valid " + typeName(format.getTargetType());
            case ValueInstantiationException instantiation -> typeName(instantiation.getType().getRawClass())
                    + " refused the value";
            case MismatchedInputException mismatch -> mismatch.getTargetType() == null
                    ? "unexpected JSON type" : "cannot be read as " + typeName(mismatch.getTargetType());
            case StreamReadException read -> "malformed JSON" + location(read.getLocation());
            default -> e.getClass().getSimpleName();
        };
    }

    /**
     * A value taken from a message, for an error text: quoted when it is a plain identifier (a tenant, a type, a
     * version), otherwise only its length, since free text from a message may be personal data.
     */
    public static String quoted(String value) {
        if (value == null) {
            return "none";
        }
        return IDENTIFIER.matcher(value).matches() ? "'" + value + "'"
                : "a value of " + value.length() + " characters (not shown: not an identifier)";
    }

    /** Whether {@code value} is a valid envelope id or correlation id (see {@link #IDENTIFIER}). */
    public static boolean isIdentifier(String value) {
        return value != null && IDENTIFIER.matcher(value).matches();
    }

    private static String typeName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName();
    }

    private static String location(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Parses the JSON text of a claimed payload. */
    public JsonNode parse(String json) {
        return parseJson(json);
    }

    public JsonNode toTree(Object payload) {
        return json.valueToTree(payload);
    }

    private Envelope fromCloudEvent(JsonNode tree) {
        String specVersion = text(tree, "specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedMessageException("CloudEvents specversion " + quoted(specVersion)
                    + " is not supported (expected 1.0)");
        }
        String id = identifier("id", required(tree, "id"));
        JsonNode data = tree.get("data");
        String dataRef = text(tree, "dataref");
        if ((data == null || data.isNull()) && dataRef == null) {
            throw new MalformedMessageException("CloudEvents envelope " + id + " has no 'data'");
        }
        Instant time = instant(id, "time", required(tree, "time"));
        String expiresAt = text(tree, "expiresat");
        String correlation = text(tree, "correlationid");
        if (correlation != null) {
            identifier("correlationid", correlation);
        }
        return new Envelope(id, required(tree, "type"), required(tree, "source"), time, required(tree, "tenant"),
                correlation == null ? id : correlation, text(tree, "traceparent"),
                expiresAt == null ? null : instant(id, "expiresat", expiresAt), dataRef,
                data == null || data.isNull() ? null : data);
    }

    private static Instant instant(String id, String attribute, String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("CloudEvents envelope " + id + " has an invalid '" + attribute
                    + "': not an ISO-8601 date-time with offset (unreadable from character " + e.getErrorIndex() + ")");
        }
    }

    private JsonNode parseJson(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedMessageException("message body is not valid JSON: " + problem(e), e);
        }
    }

    private static String unwrapBase64(String body) {
        if (body.startsWith("{") || body.startsWith("[")) {
            return body;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8).strip();
            if (decoded.startsWith("{")) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through: report it as what it most likely is, broken JSON
        }
        throw new MalformedMessageException("message body is neither JSON nor base64-encoded JSON ("
                + body.length() + " characters)");
    }

    /** Checks an id attribute; the error names the attribute and the rule, not the value (it is not one of ours). */
    private static String identifier(String attribute, String value) {
        if (value.length() > MAX_IDENTIFIER_LENGTH) {
            throw new MalformedMessageException("CloudEvents envelope has an invalid '" + attribute + "': "
                    + value.length() + " characters, at most " + MAX_IDENTIFIER_LENGTH + " allowed");
        }
        if (!IDENTIFIER.matcher(value).matches()) {
            int position = 0;
            while (position < value.length() && IDENTIFIER.matcher(value.substring(position, position + 1)).matches()) {
                position++;
            }
            throw new MalformedMessageException("CloudEvents envelope has an invalid '" + attribute + "': character "
                    + (position + 1) + " is not one of " + IDENTIFIER_CHARACTERS);
        }
        return value;
    }

    private static String required(JsonNode tree, String field) {
        String value = text(tree, field);
        if (value == null || value.isBlank()) {
            throw new MalformedMessageException("CloudEvents envelope lacks required attribute '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }

    /** What the codec must know about the queue a body came from. */
    public record QueueContext(String tenantId, String queueName, boolean entry, String messageType) {
    }
}
