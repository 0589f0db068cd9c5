package dev.conveyor.plugin.healthcare.settings;

import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the healthcare settings that their annotations cannot state: across fields, across list elements,
 * and what a system of record's URL may be. Paths are those of the settings record, such as
 * {@code clinics[1].closes}; a field the annotations already refused (null) is skipped. Messages never repeat a secret.
 */
public final class SettingsRules {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1");

    private SettingsRules() {
    }

    public static List<Violation> check(HealthcareSettings settings) {
        List<Violation> violations = new ArrayList<>();
        if (settings.clinics() != null) {
            checkClinics(settings.clinics(), violations);
        }
        if (settings.systemsOfRecord() != null) {
            checkSystems(settings.systemsOfRecord(), violations);
        }
        Duration leadTime = settings.reminderLeadTime();
        if (leadTime != null && (leadTime.isNegative() || leadTime.isZero())) {
            violations.add(new Violation("reminderLeadTime", "must be more than zero, such as 24h"));
        }
        return List.copyOf(violations);
    }

    private static void checkClinics(List<Clinic> clinics, List<Violation> violations) {
        Map<String, Integer> indexById = new HashMap<>();
        for (int index = 0; index < clinics.size(); index++) {
            Clinic clinic = clinics.get(index);
            if (clinic == null) {
                continue;
            }
            String path = "clinics[" + index + "]";
            Integer first = clinic.id() == null ? null : indexById.putIfAbsent(clinic.id(), index);
            if (first != null) {
                violations.add(new Violation(path + ".id", "'" + clinic.id() + "' is also the id of clinics[" + first
                        + "]; clinic ids must be unique"));
            }
            if (clinic.opens() == null || clinic.closes() == null) {
                continue;
            }
            if (!clinic.closes().isAfter(clinic.opens())) {
                violations.add(new Violation(path + ".closes", "is " + clinic.closes() + ", not after opens " + clinic.opens()
                        + "; opening hours are one stretch within a day"));
            } else if (clinic.slotMinutes() > Duration.between(clinic.opens(), clinic.closes()).toMinutes()) {
                violations.add(new Violation(path + ".slotMinutes", "is " + clinic.slotMinutes() + ", longer than the opening "
                        + "hours " + clinic.opens() + "-" + clinic.closes() + ", so no appointment would fit"));
            }
        }
    }

    private static void checkSystems(List<SystemOfRecord> systems, List<Violation> violations) {
        Map<String, Integer> indexByName = new HashMap<>();
        for (int index = 0; index < systems.size(); index++) {
            SystemOfRecord system = systems.get(index);
            if (system == null) {
                continue;
            }
            String path = "systemsOfRecord[" + index + "]";
            Integer first = system.name() == null ? null : indexByName.putIfAbsent(system.name(), index);
            if (first != null) {
                violations.add(new Violation(path + ".name", "'" + system.name() + "' is also the name of systemsOfRecord["
                        + first + "]; names must be unique"));
            }
            if (system.url() != null) {
                urlProblem(system.url()).ifPresent(problem -> violations.add(new Violation(path + ".url", problem)));
            }
        }
    }

    private static Optional<String> urlProblem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https URL such as https://ehr.example.com/hooks/appointments");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials; requests are signed with the secret instead");
        }
        if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(host)) {
            // Appointments are health information: they travel encrypted, except to a test receiver on this machine.
            return Optional.of("must use https; plain http is allowed only for localhost and 127.0.0.1 (tests), "
                    + "not for " + host);
        }
        return Optional.empty();
    }
}
