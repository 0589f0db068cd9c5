package dev.conveyor.plugin.healthcare.view;

import dev.conveyor.plugin.healthcare.Ids;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.List;

/** Checks a view's key before it reaches a query. */
final class Keys {

    private Keys() {
    }

    /** @throws ValidationException when {@code key} cannot be an id (the API answers 400) */
    static String id(String keyName, String key) {
        if (!Ids.isWellFormed(key)) {
            String shown = key == null ? "" : key.length() <= 20 ? key : key.substring(0, 20) + "…";
            throw new ValidationException(keyName + " '" + shown + "'", List.of(new Violation(keyName, Ids.RULE)));
        }
        return key;
    }
}
