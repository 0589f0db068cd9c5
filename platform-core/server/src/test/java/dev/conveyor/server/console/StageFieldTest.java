package dev.conveyor.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.StageSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StageFieldTest {

    @Test
    void durationsAreShownAsTypedAndReadBack() {
        for (Duration duration : new Duration[] {Duration.ZERO, Duration.ofMillis(1500), Duration.ofSeconds(90),
                Duration.ofMinutes(2), Duration.ofHours(3), Duration.ofDays(7), Duration.ofMillis(100)}) {
            String shown = StageField.duration(duration);
            assertThat(StageField.LEASE.read(shown, new LinkedHashMap<>())).as(shown).isEqualTo(duration);
        }
        assertThat(StageField.duration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(StageField.duration(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(StageField.duration(Duration.ofMillis(500))).isEqualTo("500ms");
    }

    @Test
    void aValueThatCannotBeReadIsAProblemOfItsFieldSayingHowToWriteIt() {
        Map<String, String> problems = new LinkedHashMap<>();

        assertThat(StageField.LEASE.read("thirty seconds", problems)).isNull();
        assertThat(StageField.CONCURRENCY.read("8.5", problems)).isNull();
        assertThat(StageField.ENABLED.read("maybe", problems)).isNull();
        assertThat(StageField.BATCH_SIZE.read("  ", problems)).isNull();

        assertThat(problems).containsOnlyKeys("lease", "concurrency", "enabled", "batchSize");
        assertThat(problems.get("lease")).contains("30s, 500ms, 10m, 2h or 1d");
        assertThat(problems.get("concurrency")).contains("whole number");
        assertThat(problems.get("enabled")).contains("yes or no");
        assertThat(problems.get("batchSize")).isEqualTo("enter a value");
    }

    @Test
    void theFormShowsTheSettingsAsTheyRead() {
        StageSettings defaults = StageSettings.defaults();
        assertThat(StageField.ENABLED.shown(defaults, false)).isEqualTo("no");
        assertThat(StageField.CONCURRENCY.shown(defaults, true)).isEqualTo("16");
        assertThat(StageField.LEASE.shown(defaults, true)).isEqualTo("30s");
        assertThat(StageField.CONCURRENCY.read(" 4 ", new LinkedHashMap<>())).isEqualTo(4);
    }
}
