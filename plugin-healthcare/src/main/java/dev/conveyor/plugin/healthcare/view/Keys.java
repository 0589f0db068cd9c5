package dev.conveyor.plugin.healthcare.view;

import dev.conveyor.plugin.healthcare.appointment.AppointmentRequestValidator;

/** Checks a view's key before it reaches a query. */
final class Keys {

    private Keys() {
    }

    /** @throws IllegalArgumentException when {@code key} cannot be an id (the API answers 400) */
    static String id(String keyName, String key) {
        if (!AppointmentRequestValidator.isUsableId(key)) {
            String shown = key == null ? "" : key.length() <= 20 ? key : key.substring(0, 20) + "…";
            throw new IllegalArgumentException(keyName + " '" + shown + "' is malformed: it must be 1 to "
                    + AppointmentRequestValidator.MAX_ID_LENGTH + " letters, digits, '.', '_' or '-'");
        }
        return key;
    }
}
