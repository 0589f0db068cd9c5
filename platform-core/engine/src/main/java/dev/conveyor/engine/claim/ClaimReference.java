package dev.conveyor.engine.claim;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.envelope.MalformedMessageException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one subscriber's copy of a claimed payload waits: {@code blob:{tenant}/{message id}/{physical queue}.json}.
 * <p>
 * The reference is not a pointer a message may choose: it is derived from the identity of the message that
 * carries it (its tenant, its id, the queue it arrived on), and {@link #verify} accepts nothing else. A tenant
 * who writes an envelope by hand can therefore only name the blob of that very message on its own queue, which
 * is its own data; another tenant's blob, another queue's copy or a path of any other form is refused as forged.
 * This binds a reference as firmly as a signature would (no one can construct a valid reference to data that
 * is not theirs) without a signing key to distribute and rotate, and references already in flight stay valid.
 */
public record ClaimReference(String tenantId, String messageId, String queueName) {

    private static final String SCHEME = "blob:";
    /** Tenant ids and queue names are lowercase kebab case; message ids are envelope identifiers. */
    private static final Pattern BLOB_NAME = Pattern.compile("([a-z0-9][a-z0-9-]*)/([A-Za-z0-9._:-]{1,128})/([a-z0-9][a-z0-9-]*)\\.json");

    public ClaimReference {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(messageId, "messageId is null");
        requireNonNull(queueName, "queueName is null");
    }

    /** The blob's name in the claims container. */
    public String blobName() {
        return tenantId + "/" + messageId + "/" + queueName + ".json";
    }

    /** The reference as an envelope's {@code dataref} carries it. */
    @Override
    public String toString() {
        return SCHEME + blobName();
    }

    /** The reference a blob name stands for, if the platform could have written it. */
    public static Optional<ClaimReference> fromBlobName(String blobName) {
        Matcher matcher = BLOB_NAME.matcher(blobName);
        return matcher.matches() ? Optional.of(new ClaimReference(matcher.group(1), matcher.group(2), matcher.group(3)))
                : Optional.empty();
    }

    /**
     * The claim a message may resolve: the {@code dataref} it carries must be exactly the reference the platform
     * wrote for it. Anything else is forged (or corrupt) and no retry can change that.
     *
     * @throws MalformedMessageException naming the tenant and queue the reference does not belong to
     */
    public static ClaimReference verify(String dataRef, String tenantId, String messageId, String queueName) {
        ClaimReference expected = new ClaimReference(tenantId, messageId, queueName);
        if (!expected.toString().equals(dataRef)) {
            // The reference itself is not quoted: it is the sender's text, and may name someone else's data.
            throw new MalformedMessageException("forged claim reference on message " + EnvelopeCodec.quoted(messageId)
                    + ": it does not belong to tenant '" + tenantId + "' and queue " + queueName + " (the only reference"
                    + " this message may carry is " + expected + "); dead-lettered without resolving it");
        }
        return expected;
    }
}
