package dev.conveyor.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class SdkVersionTest {

    @Test
    void aPlatformRunsPluginsOfItsMajorUpToItsMinorAndWhileTheMajorIsZeroOnlyItsMinor() {
        SdkVersion two = SdkVersion.parse("2.3.1");
        SdkVersion zero = SdkVersion.parse("0.1.0-SNAPSHOT");

        assertThat(two.runs(SdkVersion.parse("2.0.0"))).isTrue();
        assertThat(two.runs(SdkVersion.parse("2.3.9"))).isTrue();
        assertThat(two.runs(SdkVersion.parse("2.4.0"))).as("a newer minor may use what 2.3 lacks").isFalse();
        assertThat(two.runs(SdkVersion.parse("1.9"))).isFalse();
        assertThat(two.runs(SdkVersion.parse("3.0"))).isFalse();
        assertThat(zero.runs(SdkVersion.parse("0.1.5"))).isTrue();
        assertThat(zero.runs(SdkVersion.parse("0.0.9"))).isFalse();
        assertThat(zero.runs(SdkVersion.parse("0.2.0"))).isFalse();
        assertThat(two.line()).isEqualTo("2.0 to 2.3");
        assertThat(zero.line()).isEqualTo("0.1");
    }

    @Test
    void theSdkOnTheClassPathCarriesTheVersionTheBuildWrote() {
        assertThat(SdkVersion.platform()).hasValueSatisfying(version -> assertThat(version.text()).doesNotContain("${"));
    }

    @Test
    void aTextThatIsNoVersionIsRefused() {
        assertThatThrownBy(() -> SdkVersion.parse("banana")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'banana' is not an SDK version");
    }
}
