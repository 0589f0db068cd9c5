package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.deploy.ConveyorLauncher.LaunchOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LaunchOptionsTest {

    @Test
    void demoTakesOrdersRateExitAndPassesSpringPropertiesThrough() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"demo", "--orders", "50", "--rate", "12.5", "--exit",
                "--spring.main.banner-mode=off"});

        assertThat(options.demo()).isTrue();
        assertThat(options.orders()).isEqualTo(50);
        assertThat(options.rate()).isEqualTo(12.5);
        assertThat(options.exitWhenDone()).isTrue();
        assertThat(List.of(options.springArguments())).containsExactly("--spring.main.banner-mode=off");
    }

    @Test
    void serveHasTheDemoDefaultsAndNoTraffic() {
        LaunchOptions options = LaunchOptions.parse(new String[] {"serve", "--port", "9090"});

        assertThat(options.demo()).isFalse();
        assertThat(options.port()).isEqualTo(9090);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[0])).hasMessageContaining("name a command");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"deploy"})).hasMessageContaining("unknown command 'deploy'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"demo", "--orders", "many"}))
                .hasMessageContaining("--orders must be a positive whole number, was 'many'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"demo", "--rate"})).hasMessageContaining("--rate needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"serve", "--exit"}))
                .hasMessageContaining("belong to demo, not serve");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"demo", "--fast"})).hasMessageContaining("unknown option '--fast'");
    }
}
