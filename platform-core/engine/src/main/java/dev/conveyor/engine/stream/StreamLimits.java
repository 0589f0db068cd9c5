package dev.conveyor.engine.stream;

/**
 * What live streams may hold in one instance, so that many or slow clients cost a bounded amount of memory.
 *
 * @param subscribersPerTenant streams one tenant may have open here at once; one more is refused (429)
 * @param bufferPerSubscriber  events waiting to be written to one client; a client that falls this far behind is
 *                             dropped (it reconnects with {@code Last-Event-ID} and resumes from the table)
 * @param replayPage           events read from the table per page when a client resumes
 */
public record StreamLimits(int subscribersPerTenant, int bufferPerSubscriber, int replayPage) {

    public StreamLimits {
        if (subscribersPerTenant < 1 || bufferPerSubscriber < 1 || replayPage < 1) {
            throw new IllegalArgumentException("stream limits must be positive: " + subscribersPerTenant + ", "
                    + bufferPerSubscriber + ", " + replayPage);
        }
    }

    public static StreamLimits defaults() {
        return new StreamLimits(500, 256, 500);
    }
}
