package dev.conveyor.plugin.healthcare;

/**
 * The shape of the ids clients give: requests, patients, appointments and clinics. Constants, so that Bean
 * Validation's {@code @Pattern} can name them.
 */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String RULE = "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'";

    private Ids() {
    }

    public static boolean isWellFormed(String id) {
        return id != null && id.matches(PATTERN);
    }
}
