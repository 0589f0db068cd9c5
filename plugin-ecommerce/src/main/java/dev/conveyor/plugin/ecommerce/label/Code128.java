package dev.conveyor.plugin.ecommerce.label;

import static java.util.Objects.requireNonNull;

/**
 * Code 128 in subset B (ASCII 32 to 127), as ISO/IEC 15417 defines it: start B, one symbol per character, a mod-103
 * checksum, and the stop pattern. Symbols are given as element widths in modules, bar first, alternating bar and
 * space; every symbol is 11 modules wide, the stop 13.
 */
final class Code128 {

    static final int START_B = 104;
    static final int STOP = 106;
    /** The blank a scanner needs on each side of the bars, in modules (the standard asks for at least 10). */
    static final int QUIET_ZONE_MODULES = 10;

    /** Element widths of symbol values 0 to 106, bar, space, bar, space, bar, space (the stop adds a final bar). */
    private static final String[] PATTERNS = {
            "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
            "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
            "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
            "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
            "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
            "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
            "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
            "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
            "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
            "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
            "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    };

    private Code128() {
    }

    /** The symbol values of {@code text}: start B, one per character, the checksum, stop. */
    static int[] symbols(String text) {
        int[] data = dataValues(text);
        int[] symbols = new int[data.length + 3];
        symbols[0] = START_B;
        System.arraycopy(data, 0, symbols, 1, data.length);
        symbols[data.length + 1] = checksum(data);
        symbols[data.length + 2] = STOP;
        return symbols;
    }

    /** The subset B value of each character: its ASCII code minus 32. */
    static int[] dataValues(String text) {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Code 128 needs at least one character to encode");
        }
        int[] values = new int[text.length()];
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            if (c < 32 || c > 127) {
                throw new IllegalArgumentException("character U+%04X at position %d of '%s' is not in Code 128 subset B (ASCII 32 to 127)"
                        .formatted((int) c, index, text));
            }
            values[index] = c - 32;
        }
        return values;
    }

    /** The start value plus each data value times its position (from 1), modulo 103. */
    static int checksum(int[] dataValues) {
        int sum = START_B;
        for (int index = 0; index < dataValues.length; index++) {
            sum += dataValues[index] * (index + 1);
        }
        return sum % 103;
    }

    /** The element widths of the whole barcode, quiet zones excluded: bar first, alternating, ending with a bar. */
    static int[] widths(String text) {
        int[] symbols = symbols(text);
        StringBuilder elements = new StringBuilder();
        for (int symbol : symbols) {
            elements.append(PATTERNS[symbol]);
        }
        int[] widths = new int[elements.length()];
        for (int index = 0; index < widths.length; index++) {
            widths[index] = elements.charAt(index) - '0';
        }
        return widths;
    }

    /** The width of the bars in modules, quiet zones excluded: 11 per symbol, 13 for the stop. */
    static int moduleCount(String text) {
        int total = 0;
        for (int width : widths(text)) {
            total += width;
        }
        return total;
    }

    /** The element widths of one symbol value, for tests and diagnostics. */
    static String pattern(int symbol) {
        if (symbol < 0 || symbol >= PATTERNS.length) {
            throw new IllegalArgumentException("Code 128 symbol values are 0 to " + (PATTERNS.length - 1) + ", not " + symbol);
        }
        return PATTERNS[symbol];
    }
}
