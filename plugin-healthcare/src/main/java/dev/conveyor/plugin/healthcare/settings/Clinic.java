package dev.conveyor.plugin.healthcare.settings;

import dev.conveyor.plugin.healthcare.Ids;
import dev.conveyor.sdk.Setting;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A clinic of the tenant: opening hours are local to {@code timeZone}, the same on every open day; appointments start
 * every {@code slotMinutes} from {@code opens}, and each slot takes up to {@code capacity} patients. That the hours
 * and a slot fit is checked across fields by {@link SettingsRules}.
 */
public record Clinic(
        @Setting(help = "A unique id that requests name among their clinicPreferences, such as downtown.")
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String id,
        @Setting(help = "The name patients read, such as Downtown Clinic.")
        @NotBlank @Size(max = 200) String name,
        @Setting(help = "The address patients go to, such as 1 Main St, Springfield.")
        @NotBlank @Size(max = 500) String address,
        @Setting(help = "The IANA time zone of the opening hours, such as America/New_York.")
        @NotNull ZoneId timeZone,
        @Setting(help = "When the first appointment of a day starts, such as 08:00.")
        @NotNull LocalTime opens,
        @Setting(help = "When the last appointment of a day ends, such as 17:00.")
        @NotNull LocalTime closes,
        @Setting(help = "The days the clinic is open, such as [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\"].")
        @NotEmpty Set<@NotNull OpeningDay> days,
        @Setting(help = "The length of one appointment in minutes, such as 30.")
        @Min(1) @Max(480) int slotMinutes,
        @Setting(help = "How many patients one slot takes, such as 2.")
        @Min(1) @Max(1000) int capacity,
        @Setting(help = "What patients bring, shown on their appointment page, such as: your insurance card and a list"
                + " of the medicines you take.")
        @Size(max = 500) String whatToBring) {

    /** A clinic whose patients are told nothing in particular to bring. */
    public Clinic(String id, String name, String address, ZoneId timeZone, LocalTime opens, LocalTime closes,
            Set<OpeningDay> days, int slotMinutes, int capacity) {
        this(id, name, address, timeZone, opens, closes, days, slotMinutes, capacity, null);
    }

    public boolean isOpenOn(DayOfWeek day) {
        return days.contains(OpeningDay.of(day));
    }
}
