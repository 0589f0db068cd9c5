package dev.conveyor.engine.queue;

import dev.conveyor.engine.Hashing;
import java.util.Locale;

/**
 * The one naming function for physical queues: {@code {tenant}-{queue}[-{subscriber}]}, lower-case kebab,
 * valid for Azure (3-63 chars of [a-z0-9-], alphanumeric at both ends, no "--") and short enough that the
 * poison queue's {@value #POISON_SUFFIX} suffix still fits; a name that would be longer is cut and made unique
 * with a hash of the full name.
 */
public final class QueueNames {

    public static final String POISON_SUFFIX = "-poison";
    static final int MAX_LENGTH = 63 - POISON_SUFFIX.length();

    private QueueNames() {
    }

    /**
     * @param subscriber the consuming stage when the logical queue fans out to several, else {@code null}
     */
    public static String physical(String tenantId, String logicalQueue, String subscriber) {
        String full = kebab(tenantId) + "-" + kebab(logicalQueue) + (subscriber == null ? "" : "-" + kebab(subscriber));
        String name = full.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (name.length() > MAX_LENGTH) {
            String hash = Hashing.sha256Hex(full).substring(0, 8);
            name = name.substring(0, MAX_LENGTH - hash.length() - 1).replaceAll("-$", "") + "-" + hash;
        }
        if (name.length() < 3) {
            throw new IllegalArgumentException("queue name '" + name + "' is shorter than Azure's minimum of 3 characters");
        }
        return name;
    }

    public static String poison(String physicalQueue) {
        return physicalQueue + POISON_SUFFIX;
    }

    /** OrderQueue -> order-queue; data_sync -> data-sync. */
    static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-");
    }

}
