package dev.conveyor.engine.budget;

import java.util.concurrent.Semaphore;

/**
 * A tenant's handlers in flight, shared by all its stage consumers in this process. A consumer takes slots before it
 * receives (so it never holds messages it cannot start) and gives each back when its message is done. Fair: a stage
 * waiting for a slot gets the next one freed, so the tenant's busiest stage cannot starve its others.
 */
public final class HandlerSlots {

    private final int max;
    private final Semaphore slots;

    HandlerSlots(int max) {
        this.max = max;
        this.slots = new Semaphore(max, true);
    }

    /** The tenant's budget of handlers in flight. */
    public int max() {
        return max;
    }

    /** Waits for one free slot, then takes up to {@code wanted} in all of those free now; returns how many it took. */
    public int take(int wanted) throws InterruptedException {
        slots.acquire();
        int taken = 1;
        while (taken < wanted && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    public void release(int count) {
        if (count > 0) {
            slots.release(count);
        }
    }

    /** Slots taken now. */
    public int inUse() {
        return max - slots.availablePermits();
    }
}
