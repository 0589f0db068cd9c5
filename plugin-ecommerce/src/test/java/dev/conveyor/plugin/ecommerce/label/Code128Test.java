package dev.conveyor.plugin.ecommerce.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class Code128Test {

    @Test
    void computesTheChecksumOfTheTextbookExample() {
        // "PJJ123C": 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879, and 879 mod 103 = 55.
        assertThat(Code128.dataValues("PJJ123C")).containsExactly(48, 42, 42, 17, 18, 19, 35);
        assertThat(Code128.checksum(Code128.dataValues("PJJ123C"))).isEqualTo(55);
    }

    @Test
    void framesTheDataWithStartBChecksumAndStop() {
        // "A" is value 33; the checksum is (104 + 33·1) mod 103 = 34.
        assertThat(Code128.symbols("A")).containsExactly(104, 33, 34, 106);
    }

    @Test
    void drawsTheBarsOfAShortText() {
        assertThat(Code128.widths("A")).containsExactly(
                2, 1, 1, 2, 1, 4,       // start B
                1, 1, 1, 3, 2, 3,       // "A" (33)
                1, 3, 1, 1, 2, 3,       // checksum 34
                2, 3, 3, 1, 1, 1, 2);   // stop, ending with its final bar
    }

    @Test
    void encodesATrackingNumber() {
        // E=37 C=35 1=17 2=18 3=19 4=20 5=21 6=22 7=23 8=24 5=21 U=53 S=51
        int[] symbols = Code128.symbols("EC123456785US");
        int weighted = 104 + 37 + 35 * 2 + 17 * 3 + 18 * 4 + 19 * 5 + 20 * 6 + 21 * 7 + 22 * 8 + 23 * 9 + 24 * 10 + 21 * 11
                + 53 * 12 + 51 * 13;

        assertThat(symbols).containsExactly(104, 37, 35, 17, 18, 19, 20, 21, 22, 23, 24, 21, 53, 51, weighted % 103, 106);
        assertThat(Code128.moduleCount("EC123456785US")).isEqualTo(11 * 16 + 2);
    }

    @Test
    void hasElevenModulesAndAnEvenBarWidthInEverySymbol() {
        Set<String> patterns = new HashSet<>();
        for (int symbol = 0; symbol <= 105; symbol++) {
            String pattern = Code128.pattern(symbol);
            int[] widths = pattern.chars().map(c -> c - '0').toArray();
            assertThat(widths).hasSize(6);
            assertThat(IntStream.of(widths).sum()).as("modules of symbol %d", symbol).isEqualTo(11);
            assertThat(widths[0] + widths[2] + widths[4]).as("bar modules of symbol %d", symbol).isEven();
            patterns.add(pattern);
        }
        assertThat(patterns).as("distinct patterns").hasSize(106);
        assertThat(Code128.pattern(106)).isEqualTo("2331112");
    }

    @Test
    void refusesWhatSubsetBCannotEncode() {
        assertThatThrownBy(() -> Code128.symbols("Zoë"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("character U+00EB at position 2 of 'Zoë' is not in Code 128 subset B (ASCII 32 to 127)");
        assertThatThrownBy(() -> Code128.symbols("")).hasMessage("Code 128 needs at least one character to encode");
    }
}
