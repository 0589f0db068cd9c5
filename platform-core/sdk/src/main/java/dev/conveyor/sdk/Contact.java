package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Whom a notification is for, as the plugin knows them now: a customer of an order, a patient of an appointment. The
 * platform keeps the newest contact it was given per {@code id} (the tenant's contact records) and hangs the
 * recipient's preferences (opt-outs) and delivery history on that id, so give the same id for the same person every
 * time (a customer number, a patient id; an e-mail address when there is nothing better).
 *
 * @param id       the recipient's stable id within the tenant, 1-200 characters
 * @param name     how to address them, or null
 * @param email    their e-mail address, or null (no e-mail then)
 * @param phone    their phone number, or null (no SMS then); E.164 ({@code +15551234567}) reaches every provider
 * @param timeZone where they are, for quiet hours; null for the tenant's default
 * @param locale   their language, or null for the tenant's default
 */
public record Contact(String id, String name, String email, String phone, ZoneId timeZone, Locale locale) {

    public Contact {
        requireNonNull(id, "id is null");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("contact id must be 1-200 characters");
        }
        if (email != null && email.isBlank()) {
            email = null;
        }
        if (phone != null && phone.isBlank()) {
            phone = null;
        }
    }

    /** A contact with nothing but its id and name; add addresses with the {@code with...} methods. */
    public static Contact of(String id, String name) {
        return new Contact(id, name, null, null, null, null);
    }

    public Contact withEmail(String email) {
        return new Contact(id, name, email, phone, timeZone, locale);
    }

    public Contact withPhone(String phone) {
        return new Contact(id, name, email, phone, timeZone, locale);
    }

    public Contact withTimeZone(ZoneId timeZone) {
        return new Contact(id, name, email, phone, timeZone, locale);
    }

    public Contact withLocale(Locale locale) {
        return new Contact(id, name, email, phone, timeZone, locale);
    }

    /** Without the addresses, which stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "Contact[" + id + "]";
    }
}
