package dev.conveyor.plugin.ecommerce.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.zxing.common.BitArray;
import com.google.zxing.oned.Code128Reader;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

final class ShippingLabelTest {

    private static final String TRACKING_NUMBER = "EC123456785US";

    private static ShippingLabel.Content content(String recipientName) {
        return new ShippingLabel.Content(TRACKING_NUMBER, "Conveyor Parcel", ShippingSpeed.EXPRESS, "east", recipientName,
                "350 Fifth Avenue", "Suite 100", "10118", "New York", "US", "ORD-1", LocalDate.of(2026, 11, 27));
    }

    @Test
    void isOneFourBySixInchPage() throws IOException {
        try (PDDocument document = Loader.loadPDF(ShippingLabel.render(content("Jane Doe")))) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            PDPage page = document.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isEqualTo(288f);
            assertThat(page.getMediaBox().getHeight()).isEqualTo(432f);
        }
    }

    @Test
    void printsAddressesCarrierServiceAndTrackingNumber() throws IOException {
        try (PDDocument document = Loader.loadPDF(ShippingLabel.render(content("Jane Doe")))) {
            String text = new PDFTextStripper().getText(document);

            assertThat(text).contains(TRACKING_NUMBER, "Warehouse east", "Jane Doe", "350 Fifth Avenue", "Suite 100",
                    "10118 New York", "Conveyor Parcel", "EXPRESS", "Order ORD-1", "Shipped 2026-11-27");
        }
    }

    @Test
    void drawsTheTrackingNumberAsCode128BarsAScannerReads() throws Exception {
        try (PDDocument document = Loader.loadPDF(ShippingLabel.render(content("Jane Doe")))) {
            List<float[]> bars = barcodeRectangles(document.getPage(0));
            bars.sort(Comparator.comparingDouble(bar -> bar[0]));
            float module = (float) bars.stream().mapToDouble(bar -> bar[2]).min().orElseThrow();
            float left = bars.get(0)[0];
            float right = bars.get(bars.size() - 1)[0] + bars.get(bars.size() - 1)[2];

            // The page's bars as one scan line, a module per bit, with the quiet zones a scanner looks for.
            int quietZone = 10;
            BitArray row = new BitArray(Math.round((right - left) / module) + 2 * quietZone);
            for (float[] bar : bars) {
                row.setRange(quietZone + Math.round((bar[0] - left) / module), quietZone + Math.round((bar[0] + bar[2] - left) / module));
            }

            assertThat(new Code128Reader().decodeRow(0, row, Map.of()).getText()).isEqualTo(TRACKING_NUMBER);
            assertThat(left).as("left quiet zone").isGreaterThanOrEqualTo(12 + 10 * module - 0.01f);
            assertThat(288 - right).as("right quiet zone").isGreaterThanOrEqualTo(12 + 10 * module - 0.01f);
            float dots = module / (72f / 203f);
            assertThat(dots).as("module width in dots of a 203-dpi printer").isCloseTo(Math.round(dots), within(0.001f));
            assertThat(Math.round(dots)).isBetween(1, 4);
        }
    }

    @Test
    void givesTheSameBytesForTheSameLabel() {
        assertThat(ShippingLabel.render(content("Jane Doe"))).isEqualTo(ShippingLabel.render(content("Jane Doe")));
    }

    @Test
    void printsNamesTheStandardFontsLackAsCloseAsTheyCan() throws IOException {
        PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

        assertThat(ShippingLabel.printable("Łukasz Żółć 王\tX", helvetica)).isEqualTo("Lukasz Zólc ? X");
        try (PDDocument document = Loader.loadPDF(ShippingLabel.render(content("Łukasz Żółć 王")))) {
            assertThat(new PDFTextStripper().getText(document)).contains("Lukasz Zólc ?");
        }
    }

    @Test
    void cutsWhatDoesNotFitWithAnEllipsis() throws IOException {
        PDType1Font helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

        String fitted = ShippingLabel.fit("A very long name ".repeat(10), helvetica, 14, 264);

        assertThat(fitted).endsWith("…");
        assertThat(helvetica.getStringWidth(fitted) / 1000 * 14).isLessThanOrEqualTo(264f);
        assertThat(ShippingLabel.fit("Jane Doe", helvetica, 14, 264)).isEqualTo("Jane Doe");
    }

    /** The filled rectangles of the barcode band (x, y, width, height), read back from the page's content stream. */
    private static List<float[]> barcodeRectangles(PDPage page) throws IOException {
        List<Object> tokens = new PDFStreamParser(page).parse();
        List<float[]> rectangles = new ArrayList<>();
        for (int index = 4; index < tokens.size(); index++) {
            if (tokens.get(index) instanceof Operator operator && operator.getName().equals("re")) {
                float[] rectangle = new float[4];
                for (int operand = 0; operand < 4; operand++) {
                    rectangle[operand] = ((COSNumber) tokens.get(index - 4 + operand)).floatValue();
                }
                if (rectangle[3] == 80f) {
                    rectangles.add(rectangle);
                }
            }
        }
        return rectangles;
    }
}
