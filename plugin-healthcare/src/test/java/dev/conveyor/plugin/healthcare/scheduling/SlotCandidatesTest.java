package dev.conveyor.plugin.healthcare.scheduling;

import static dev.conveyor.plugin.healthcare.Fixtures.EVERY_DAY;
import static dev.conveyor.plugin.healthcare.Fixtures.clinic;
import static dev.conveyor.plugin.healthcare.Fixtures.downtown;
import static dev.conveyor.plugin.healthcare.Fixtures.preference;
import static dev.conveyor.plugin.healthcare.Fixtures.uptown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.settings.Clinic;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SlotCandidatesTest {

    /** Sunday 1 March 2026, noon UTC: before every preference below unless a test says otherwise. */
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void offersTheSlotsAlignedToOpeningTimeThatFitThePreferredWindow() {
        ClinicWindow window = SlotCandidates.window(0, preference("2026-03-03", "09:10", "11:00"), downtown(), NOW);

        // New York is UTC-5 in early March: 09:30 there is 14:30 UTC.
        assertThat(starts(window)).containsExactly(at("2026-03-03T14:30:00Z"), at("2026-03-03T15:00:00Z"),
                at("2026-03-03T15:30:00Z"));
        assertThat(window.slots().get(0).endsAt()).isEqualTo(at("2026-03-03T15:00:00Z"));
        assertThat(window.unavailable()).isNull();
    }

    @Test
    void keepsSlotsInsideOpeningHours() {
        assertThat(starts(SlotCandidates.window(0, preference("2026-03-03", "07:00", "09:00"), downtown(), NOW)))
                .containsExactly(at("2026-03-03T13:00:00Z"), at("2026-03-03T13:30:00Z"));
        assertThat(starts(SlotCandidates.window(0, preference("2026-03-03", "16:00", "18:00"), downtown(), NOW)))
                .containsExactly(at("2026-03-03T21:00:00Z"), at("2026-03-03T21:30:00Z"));
    }

    @Test
    void offersNothingOnADayTheClinicIsClosed() {
        ClinicWindow saturday = SlotCandidates.window(0, preference("2026-03-07", "09:00", "12:00"), downtown(), NOW);

        assertThat(saturday.slots()).isEmpty();
        assertThat(saturday.unavailable()).isEqualTo("closed on Saturday");
    }

    @Test
    void offersNothingOutsideOpeningHoursOrWhenNoSlotFitsTheWindow() {
        ClinicWindow evening = SlotCandidates.window(0, preference("2026-03-03", "18:00", "19:00"), downtown(), NOW);
        ClinicWindow tooShort = SlotCandidates.window(0, preference("2026-03-03", "09:10", "09:50"), downtown(), NOW);

        assertThat(evening.slots()).isEmpty();
        assertThat(evening.unavailable()).isEqualTo("outside its opening hours 08:00-17:00");
        assertThat(tooShort.slots()).isEmpty();
        assertThat(tooShort.unavailable())
                .isEqualTo("no 30-minute slot fits between 09:10 and 09:50 (slots start every 30 minutes from 08:00)");
    }

    @Test
    void readsThePreferredTimesInTheClinicsOwnTimeZone() {
        // Wednesday 09:00 in Los Angeles (UTC-8) is 17:00 UTC.
        assertThat(starts(SlotCandidates.window(0, preference("2026-03-04", "08:00", "11:00"), uptown(), NOW)))
                .containsExactly(at("2026-03-04T17:00:00Z"), at("2026-03-04T18:00:00Z"));
    }

    @Test
    void skipsSlotsThatHaveBegunOrPassed() {
        Instant tenTenInNewYork = at("2026-03-03T15:10:00Z");

        ClinicWindow window = SlotCandidates.window(0, preference("2026-03-03", "09:00", "12:00"), downtown(), tenTenInNewYork);
        ClinicWindow past = SlotCandidates.window(0, preference("2026-03-03", "09:00", "10:00"), downtown(), tenTenInNewYork);

        assertThat(starts(window)).containsExactly(at("2026-03-03T15:30:00Z"), at("2026-03-03T16:00:00Z"),
                at("2026-03-03T16:30:00Z"));
        assertThat(past.slots()).isEmpty();
        assertThat(past.unavailable()).isEqualTo("already past");
    }

    @Test
    void skipsTheHourThatDoesNotExistWhenClocksSpringForward() {
        // 8 March 2026: New York goes from 02:00 EST straight to 03:00 EDT.
        Clinic night = clinic("night", "America/New_York", LocalTime.of(0, 0), LocalTime.of(6, 0), EVERY_DAY, 60);

        assertThat(starts(SlotCandidates.window(0, preference("2026-03-08", "00:00", "06:00"), night, NOW))).containsExactly(
                at("2026-03-08T05:00:00Z"), // 00:00 EST
                at("2026-03-08T06:00:00Z"), // 01:00 EST
                at("2026-03-08T07:00:00Z"), // 03:00 EDT
                at("2026-03-08T08:00:00Z"), // 04:00 EDT
                at("2026-03-08T09:00:00Z")); // 05:00 EDT
    }

    @Test
    void followsTheOffsetOfTheDayAcrossTheSwitch() {
        Clinic daily = clinic("daily", "America/New_York", LocalTime.of(8, 0), LocalTime.of(9, 0), EVERY_DAY, 60);

        assertThat(starts(SlotCandidates.window(0, preference("2026-03-07", "08:00", "09:00"), daily, NOW)))
                .containsExactly(at("2026-03-07T13:00:00Z"));
        assertThat(starts(SlotCandidates.window(0, preference("2026-03-08", "08:00", "09:00"), daily, NOW)))
                .containsExactly(at("2026-03-08T12:00:00Z"));
    }

    @Test
    void takesTheFirstOccurrenceOfAnHourThatHappensTwiceWhenClocksFallBack() {
        // 1 November 2026: New York goes from 02:00 EDT back to 01:00 EST.
        Clinic night = clinic("night", "America/New_York", LocalTime.of(0, 0), LocalTime.of(3, 0), EVERY_DAY, 60);

        ClinicWindow window = SlotCandidates.window(0, preference("2026-11-01", "00:00", "03:00"), night, NOW);

        assertThat(starts(window)).containsExactly(
                at("2026-11-01T04:00:00Z"), // 00:00 EDT
                at("2026-11-01T05:00:00Z"), // 01:00 EDT, the first 01:00
                at("2026-11-01T07:00:00Z")); // 02:00 EST
        assertThat(window.slots().get(1).endsAt()).isEqualTo(at("2026-11-01T06:00:00Z"));
    }

    @Test
    void triesThePreferredClinicsFirstThenTheOthers() {
        List<Clinic> clinics = List.of(downtown(), uptown());

        assertThat(SlotCandidates.clinicOrder(List.of("uptown"), clinics)).containsExactly(uptown(), downtown());
        assertThat(SlotCandidates.clinicOrder(List.of("nowhere", "downtown"), clinics)).containsExactly(downtown(), uptown());
        assertThat(SlotCandidates.clinicOrder(null, clinics)).containsExactly(downtown(), uptown());
    }

    @Test
    void triesPreferencesInOrderAndForEachTheClinicsInOrder() {
        List<PreferredSlot> preferences = List.of(preference("2026-03-04", "09:00", "10:00"), preference("2026-03-03", "09:00", "10:00"));

        List<ClinicWindow> windows = SlotCandidates.windows(preferences, List.of(uptown(), downtown()), NOW);

        assertThat(windows).extracting(window -> window.preferenceIndex() + ":" + window.clinic().id())
                .containsExactly("0:uptown", "0:downtown", "1:uptown", "1:downtown");
        assertThat(windows.get(2).unavailable()).isEqualTo("closed on Tuesday");
    }

    @Test
    void namesWhatWasTriedWhenNoSlotIsFree() {
        List<PreferredSlot> preferences = List.of(preference("2026-03-03", "09:00", "10:00"), preference("2026-03-04", "18:00", "19:00"));

        String reason = SlotCandidates.noSlotReason(SlotCandidates.windows(preferences, List.of(downtown(), uptown()), NOW));

        assertThat(reason).isEqualTo("no free slot: "
                + "preferences[0] Tue 3 Mar 2026 09:00-10:00: Downtown Clinic (fully booked), Uptown Clinic (closed on Tuesday); "
                + "preferences[1] Wed 4 Mar 2026 18:00-19:00: Downtown Clinic (outside its opening hours "
                + "08:00-17:00), Uptown Clinic (outside its opening hours 09:00-12:00)");
    }

    private static List<Instant> starts(ClinicWindow window) {
        return window.slots().stream().map(Slot::startsAt).toList();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
