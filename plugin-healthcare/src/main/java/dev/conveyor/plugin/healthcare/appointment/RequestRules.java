package dev.conveyor.plugin.healthcare.appointment;

import dev.conveyor.plugin.healthcare.scheduling.PreferredSlots;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules of an appointment request that its annotations cannot state: they span fields, need today's date or the
 * tenant's clinics. A request that breaks one is declined with the reasons, which the client reads from the requests
 * view. Messages never repeat the patient's data.
 */
final class RequestRules {

    static final int MAX_AGE_YEARS = 150;

    private RequestRules() {
    }

    /** Every rule {@code request} breaks at {@code now} for a tenant with {@code settings}; empty when it keeps them. */
    static List<Violation> check(AppointmentRequest request, Instant now, HealthcareSettings settings) {
        List<Violation> violations = new ArrayList<>();
        Patient patient = request.patient();
        if (patient.email() == null && patient.phone() == null) {
            violations.add(new Violation("patient", "needs an email or a phone, so the patient can be told about the appointment"));
        }
        // The date that is already today somewhere (UTC+14): a baby born today in Kiribati is not "in the future".
        LocalDate latestToday = LocalDate.ofInstant(now, ZoneOffset.ofHours(14));
        if (patient.dateOfBirth().isAfter(latestToday)) {
            violations.add(new Violation("patient.dateOfBirth", "is in the future"));
        } else if (patient.dateOfBirth().isBefore(latestToday.minusYears(MAX_AGE_YEARS))) {
            violations.add(new Violation("patient.dateOfBirth", "is more than " + MAX_AGE_YEARS + " years ago; check the year"));
        }
        PreferredSlots.checkOrder("preferences", request.preferences(), violations);
        List<String> clinicPreferences = request.clinicPreferences() == null ? List.of() : request.clinicPreferences();
        for (int index = 0; index < clinicPreferences.size(); index++) {
            String clinicId = clinicPreferences.get(index);
            if (settings.clinic(clinicId).isEmpty()) {
                violations.add(new Violation("clinicPreferences[" + index + "]", "'" + clinicId + "' is not one of the clinics ("
                        + settings.clinics().stream().map(Clinic::id).collect(Collectors.joining(", ")) + ")"));
            }
        }
        return List.copyOf(violations);
    }
}
