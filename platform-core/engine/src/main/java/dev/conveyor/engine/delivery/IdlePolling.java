package dev.conveyor.engine.delivery;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How long an idle consumer may sleep. A stage's {@code maxIdlePoll} bounds its back-off while it is in use; a queue
 * that has stayed empty for {@code deepAfter} backs off further, up to {@code deepPoll}, as long as
 * {@code announcementsHeard} says this instance hears the announcements every instance makes when it sends to a
 * queue: Conveyor's own messages wake it at once, and only messages put on the queue by others (a producer writing
 * to an entry queue directly) wait up to {@code deepPoll}. Thousands of idle tenants then cost a few storage calls per
 * minute each instead of dozens.
 */
public record IdlePolling(Duration deepAfter, Duration deepPoll, BooleanSupplier announcementsHeard) {

    public IdlePolling {
        requireNonNull(deepAfter, "deepAfter is null");
        requireNonNull(deepPoll, "deepPoll is null");
        requireNonNull(announcementsHeard, "announcementsHeard is null");
        if (deepAfter.isNegative() || deepPoll.toMillis() < 100 || deepPoll.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("deepAfter must be >= 0 and deepPoll 100 ms..10 min, were " + deepAfter
                    + " and " + deepPoll);
        }
    }

    /** The longest back-off for a stage whose queue has been empty for {@code emptyFor}. */
    Duration ceiling(Duration maxIdlePoll, Duration emptyFor) {
        if (emptyFor.compareTo(deepAfter) >= 0 && deepPoll.compareTo(maxIdlePoll) > 0 && announcementsHeard.getAsBoolean()) {
            return deepPoll;
        }
        return maxIdlePoll;
    }
}
