package dev.conveyor.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The contract's checks fail, naming the problem, for a plugin that breaks them. */
final class PluginContractTest {

    record Parcel(@NotBlank String id, int weight) {
    }

    record ToySettings(@Setting(help = "at most this many, e.g. 5", defaultValue = "-1") @Min(0) int limit,
            @Setting(help = "a name") @NotBlank String name) {
    }

    static final class ToyPlugin implements DomainPlugin<ToySettings> {
        static final Queue<Parcel> IN = Queue.of("InQueue", "toy.parcel.v1", Parcel.class);
        static final Queue<Parcel> OUT = Queue.of("OutQueue", "toy.parcel-out.v1", Parcel.class);
        static final Stage<Parcel> SORT = Stage.of("sort", IN, OUT);
        static final Stage<Parcel> SHIP = Stage.of("ship", OUT);

        @Override
        public String id() {
            return "toy";
        }

        @Override
        public Topology topology() {
            return Topology.of(SORT, SHIP);
        }

        @Override
        public Handlers handlers(ToySettings settings) {
            return Handlers.builder().on(SORT, (parcel, context) -> { }).build();
        }
    }

    private final PluginContract contract = new PluginContract() {
        @Override
        public DomainPlugin<?> plugin() {
            return new ToyPlugin();
        }

        @Override
        public String sampleSettings() {
            return "{\"limit\": 3, \"name\": \"toys\"}";
        }

        @Override
        public List<Object> sampleMessages() {
            return List.of(new Parcel("", 2));
        }
    };

    @Test
    void aStageWithoutAHandlerIsNamed() {
        assertThatThrownBy(contract::everyStageHasAHandlerBuiltFromTheSampleSettings).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ship");
    }

    @Test
    void anInvalidDefaultIsNamed() {
        List<DynamicTest> tests = contract.everyDeclaredDefaultIsValidForItsSetting().toList();

        assertThat(tests).extracting(DynamicTest::getDisplayName).containsExactly("limit");
        assertThatThrownBy(tests.getFirst().getExecutable()::execute).isInstanceOf(AssertionError.class)
                .hasMessageContaining("config.limit");
    }

    @Test
    void wrongValuesOfEverySettingAreRefusedByThePlatform() throws Throwable {
        for (DynamicTest test : contract.aWrongValueOfEachSettingIsRefusedNamingIt().toList()) {
            test.getExecutable().execute();
        }
    }

    @Test
    void aSampleThatBreaksItsRulesIsNamed() {
        List<Executable> checks = contract.everyMessageTypeRoundTripsThroughJsonAndFitsItsSchema()
                .map(DynamicTest::getExecutable).toList();

        assertThatThrownBy(checks.getFirst()::execute).isInstanceOf(AssertionError.class).hasMessageContaining("id");
    }

    @Test
    void aTypeWithoutASampleRoundTripsAMadeUpOneAgainstItsShape() {
        Object parcel = Samples.of(Parcel.class);

        assertThat(parcel).isEqualTo(new Parcel("sample", 1));
        assertThat(MessageSchemas.problems(MessageSchemas.structural(Parcel.class),
                new tools.jackson.databind.json.JsonMapper().valueToTree(parcel))).isEmpty();
        assertThat(MessageSchemas.problems(MessageSchemas.of(Parcel.class),
                new tools.jackson.databind.json.JsonMapper().readTree("{\"id\": \"\", \"weight\": \"heavy\"}")))
                .isNotEmpty();
    }

    @Test
    void settingsTheSampleBreaksAreNamed() {
        PluginContract invalid = new PluginContract() {
            @Override
            public DomainPlugin<?> plugin() {
                return new ToyPlugin();
            }
        };

        assertThatThrownBy(invalid::theSampleSettingsAreValid).isInstanceOf(AssertionError.class)
                .hasMessageContaining("config.name");
    }
}
