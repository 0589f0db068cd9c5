package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.scheduling.PreferredSlots;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Violation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structural rules of an appointment request. Reports every problem at once with its JSON path, and never
 * throws, whatever is null. Messages never repeat the patient's data (they end up in decline reasons and logs).
 * Whether the preferred clinics exist is the tenant's configuration, so the management stage checks that.
 */
public final class AppointmentRequestValidator implements MessageType.Validator<AppointmentRequest> {

    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_CLINIC_PREFERENCES = 10;
    public static final int MAX_REASON_LENGTH = 500;
    public static final int MAX_AGE_YEARS = 150;

    /** The shape of request, patient, appointment and clinic ids. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ID_LENGTH + "}");

    // Deliberately loose: the only proof an address works is a delivered message, so reject only obvious typos.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{7,25}");
    private static final String ID_RULE = "must be 1 to " + MAX_ID_LENGTH + " characters, each a letter, digit, '.', '_' or '-'";

    private final Clock clock;

    /** @param clock tells today, so that a date of birth in the future is caught */
    public AppointmentRequestValidator(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<Violation> validate(AppointmentRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("$", "the request is missing; send a JSON object with requestId, patient, preferences "
                    + "and reason"));
            return List.copyOf(violations);
        }
        checkId("requestId", request.requestId(), violations);
        checkPatient(request.patient(), violations);
        PreferredSlots.check("preferences", request.preferences(), violations);
        checkClinicPreferences(request.clinicPreferences(), violations);
        checkReason("reason", request.reason(), violations);
        return List.copyOf(violations);
    }

    public static boolean isUsableId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static boolean isPlausibleEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches();
    }

    public static boolean isPlausiblePhone(String phone) {
        if (phone == null || !PHONE.matcher(phone).matches()) {
            return false;
        }
        long digits = phone.chars().filter(Character::isDigit).count();
        return digits >= 7 && digits <= 15;
    }

    static void checkId(String path, String id, List<Violation> violations) {
        if (id == null || id.isBlank()) {
            violations.add(new Violation(path, "is required"));
        } else if (!ID.matcher(id).matches()) {
            violations.add(new Violation(path, ID_RULE));
        }
    }

    static void checkReason(String path, String reason, List<Violation> violations) {
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            violations.add(new Violation(path, "has " + reason.length() + " characters; at most " + MAX_REASON_LENGTH
                    + " are allowed"));
        }
    }

    private void checkPatient(Patient patient, List<Violation> violations) {
        if (patient == null) {
            violations.add(new Violation("patient", "is required; give patientId, name, dateOfBirth and an email or phone"));
            return;
        }
        checkId("patient.patientId", patient.patientId(), violations);
        if (patient.name() == null || patient.name().isBlank()) {
            violations.add(new Violation("patient.name", "is required"));
        } else if (patient.name().length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("patient.name", "has " + patient.name().length() + " characters; at most "
                    + MAX_NAME_LENGTH + " are allowed"));
        }
        boolean hasEmail = patient.email() != null && !patient.email().isBlank();
        boolean hasPhone = patient.phone() != null && !patient.phone().isBlank();
        if (!hasEmail && !hasPhone) {
            violations.add(new Violation("patient", "needs an email or a phone, so the patient can be told about the appointment"));
        }
        if (hasEmail && !isPlausibleEmail(patient.email())) {
            violations.add(new Violation("patient.email", "is not an e-mail address such as jane@example.com"));
        }
        if (hasPhone && !isPlausiblePhone(patient.phone())) {
            violations.add(new Violation("patient.phone", "is not a phone number of 7 to 15 digits such as +1 212 555 0100"));
        }
        checkDateOfBirth(patient.dateOfBirth(), violations);
    }

    private void checkDateOfBirth(LocalDate dateOfBirth, List<Violation> violations) {
        if (dateOfBirth == null) {
            violations.add(new Violation("patient.dateOfBirth", "is required: a date such as 1980-04-23"));
            return;
        }
        // The date that is already today somewhere (UTC+14): a baby born today in Kiribati is not "in the future".
        LocalDate latestToday = LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(14));
        if (dateOfBirth.isAfter(latestToday)) {
            violations.add(new Violation("patient.dateOfBirth", "is in the future"));
        } else if (dateOfBirth.isBefore(latestToday.minusYears(MAX_AGE_YEARS))) {
            violations.add(new Violation("patient.dateOfBirth", "is more than " + MAX_AGE_YEARS + " years ago; check the year"));
        }
    }

    private static void checkClinicPreferences(List<String> clinicPreferences, List<Violation> violations) {
        if (clinicPreferences == null) {
            return;
        }
        if (clinicPreferences.size() > MAX_CLINIC_PREFERENCES) {
            violations.add(new Violation("clinicPreferences", "has " + clinicPreferences.size() + " clinics; at most "
                    + MAX_CLINIC_PREFERENCES + " are allowed"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < clinicPreferences.size(); index++) {
            String path = "clinicPreferences[" + index + "]";
            String clinicId = clinicPreferences.get(index);
            if (clinicId == null || clinicId.isBlank()) {
                violations.add(new Violation(path, "is blank; give a clinic id such as downtown"));
            } else if (!ID.matcher(clinicId).matches()) {
                violations.add(new Violation(path, ID_RULE));
            } else if (!seen.add(clinicId)) {
                violations.add(new Violation(path, "'" + clinicId + "' is listed twice"));
            }
        }
    }
}
