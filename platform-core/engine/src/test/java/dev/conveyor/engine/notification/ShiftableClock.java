package dev.conveyor.engine.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock moved ahead by as much as a test says: time keeps passing, and a test can jump hours ahead. */
final class ShiftableClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    void advance(Duration by) {
        shift = shift.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
