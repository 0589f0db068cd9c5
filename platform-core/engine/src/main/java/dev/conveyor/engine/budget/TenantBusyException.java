package dev.conveyor.engine.budget;

import java.time.Duration;

/**
 * Every database connection the tenant may hold is in use (its handlers are slow, say) and a request could not
 * get one within the budget's wait; nothing was done (the API answers 503).
 */
public final class TenantBusyException extends BudgetExceededException {

    TenantBusyException(String message, Duration retryAfter) {
        super(dev.conveyor.engine.ErrorCode.UNAVAILABLE, message, retryAfter);
    }
}
