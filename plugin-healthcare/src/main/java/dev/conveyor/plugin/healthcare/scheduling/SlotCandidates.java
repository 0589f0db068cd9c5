package dev.conveyor.plugin.healthcare.scheduling;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.Clinic;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which slots fit a patient's preferences, in the order they are tried: preferences in the patient's order; for
 * each, the preferred clinics in order and then every other clinic; within a clinic, the earliest slot first.
 * Slots start every {@code slotMinutes} from the clinic's opening time, lie wholly inside both the opening hours
 * and the preferred window, on a day the clinic is open, and after {@code now}. Times are wall-clock times in the
 * clinic's time zone: a slot whose start does not exist on a spring-forward day is skipped, and one whose start
 * occurs twice on a fall-back day is taken at its first occurrence. Pure functions of their arguments.
 */
public final class SlotCandidates {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private SlotCandidates() {
    }

    /** The clinics in the order they are tried: the known preferred ones in order, then the rest in configuration order. */
    public static List<Clinic> clinicOrder(List<String> clinicPreferences, List<Clinic> clinics) {
        requireNonNull(clinics, "clinics is null");
        Map<String, Clinic> byId = new LinkedHashMap<>();
        clinics.forEach(clinic -> byId.put(clinic.id(), clinic));
        Set<Clinic> ordered = new LinkedHashSet<>();
        if (clinicPreferences != null) {
            clinicPreferences.stream().map(byId::get).filter(java.util.Objects::nonNull).forEach(ordered::add);
        }
        ordered.addAll(clinics);
        return List.copyOf(ordered);
    }

    /** One window per (preference, clinic), in the order they are tried. */
    public static List<ClinicWindow> windows(List<PreferredSlot> preferences, List<Clinic> clinicOrder, Instant now) {
        requireNonNull(preferences, "preferences is null");
        requireNonNull(clinicOrder, "clinicOrder is null");
        requireNonNull(now, "now is null");
        List<ClinicWindow> windows = new ArrayList<>();
        for (int index = 0; index < preferences.size(); index++) {
            for (Clinic clinic : clinicOrder) {
                windows.add(window(index, preferences.get(index), clinic, now));
            }
        }
        return List.copyOf(windows);
    }

    /** The slots of {@code clinic} that fit {@code preference}, earliest first, or why there are none. */
    public static ClinicWindow window(int preferenceIndex, PreferredSlot preference, Clinic clinic, Instant now) {
        requireNonNull(preference, "preference is null");
        requireNonNull(clinic, "clinic is null");
        requireNonNull(now, "now is null");
        LocalDate date = requireNonNull(preference.date(), "preference date is null");
        LocalTime from = requireNonNull(preference.from(), "preference from is null");
        LocalTime to = requireNonNull(preference.to(), "preference to is null");
        if (!clinic.isOpenOn(date.getDayOfWeek())) {
            return new ClinicWindow(preferenceIndex, preference, clinic, List.of(), "closed on " + dayName(date.getDayOfWeek()));
        }
        ZoneId zone = clinic.timeZone();
        int opens = minuteOfDay(clinic.opens());
        int closes = minuteOfDay(clinic.closes());
        int earliest = Math.max(opens, (from.toSecondOfDay() + 59) / 60);
        int latestEnd = Math.min(closes, minuteOfDay(to));
        List<Slot> slots = new ArrayList<>();
        boolean anyFits = false;
        for (int start = opens; start + clinic.slotMinutes() <= latestEnd; start += clinic.slotMinutes()) {
            if (start < earliest) {
                continue;
            }
            LocalDateTime local = date.atTime(LocalTime.ofSecondOfDay(start * 60L));
            if (zone.getRules().getValidOffsets(local).isEmpty()) {
                continue; // the clocks skip this time (spring forward)
            }
            anyFits = true;
            Instant startsAt = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (startsAt.isAfter(now)) {
                slots.add(new Slot(clinic, startsAt, startsAt.plusSeconds(clinic.slotMinutes() * 60L)));
            }
        }
        if (!slots.isEmpty()) {
            return new ClinicWindow(preferenceIndex, preference, clinic, slots, null);
        }
        String unavailable;
        if (anyFits) {
            unavailable = "already past";
        } else if (earliest >= latestEnd) {
            unavailable = "outside its opening hours " + clinic.opens() + "-" + clinic.closes();
        } else {
            unavailable = "no " + clinic.slotMinutes() + "-minute slot fits between " + time(earliest) + " and " + time(latestEnd)
                    + " (slots start every " + clinic.slotMinutes() + " minutes from " + clinic.opens() + ")";
        }
        return new ClinicWindow(preferenceIndex, preference, clinic, List.of(), unavailable);
    }

    /**
     * Why no slot could be booked, naming every preference and what each clinic made of it; windows that had slots
     * are reported fully booked, since the ledger refused each of them. For example
     * {@code "no free slot: preferences[0] Tue 3 Mar 2026 09:00-12:00: Downtown Clinic (fully booked), Uptown Clinic
     * (closed on Tuesday)"}.
     */
    public static String noSlotReason(List<ClinicWindow> windows) {
        requireNonNull(windows, "windows is null");
        Map<Integer, List<ClinicWindow>> byPreference = windows.stream()
                .collect(Collectors.groupingBy(ClinicWindow::preferenceIndex, LinkedHashMap::new, Collectors.toList()));
        List<String> parts = new ArrayList<>();
        byPreference.forEach((index, clinicWindows) -> {
            PreferredSlot preference = clinicWindows.get(0).preference();
            String outcomes = clinicWindows.stream()
                    .map(window -> window.clinic().name() + " (" + (window.unavailable() == null ? "fully booked" : window.unavailable())
                            + ")")
                    .collect(Collectors.joining(", "));
            parts.add("preferences[" + index + "] " + DATE.format(preference.date()) + " " + preference.from() + "-"
                    + preference.to() + ": " + outcomes);
        });
        return parts.isEmpty() ? "no free slot: there are no clinics to book" : "no free slot: " + String.join("; ", parts);
    }

    private static LocalTime time(int minuteOfDay) {
        return LocalTime.ofSecondOfDay(minuteOfDay * 60L);
    }

    private static int minuteOfDay(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
}
