package dev.conveyor.plugin.ecommerce.label;

import static java.util.Objects.requireNonNull;

import com.google.zxing.oned.Code128Writer;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Draws a 4 × 6 inch shipping label (288 × 432 points) as a one-page PDF: ship-from, ship-to, carrier and service,
 * the tracking number as a Code 128 barcode and as text, the order and the ship date. The same content gives the same
 * bytes, so a label can be made again whenever it is asked for.
 */
public final class ShippingLabel {

    public static final float WIDTH = 288;
    public static final float HEIGHT = 432;

    private static final float MARGIN = 12;
    private static final float CONTENT_WIDTH = WIDTH - 2 * MARGIN;
    /** One dot of a 203-dpi thermal label printer, the common kind: bars a whole number of dots wide print sharp. */
    private static final float PRINTER_DOT = 72f / 203f;
    private static final int MAX_MODULE_DOTS = 4;
    private static final float BARCODE_HEIGHT = 80;
    /** The blank a scanner needs on each side of the bars, in modules (ISO/IEC 15417 asks for at least 10). */
    private static final int QUIET_ZONE_MODULES = 10;

    private ShippingLabel() {
    }

    /** What a label shows. {@code addressLine2} may be null; the rest is required. */
    public record Content(
            String trackingNumber,
            String carrier,
            ShippingSpeed speed,
            String warehouse,
            String recipientName,
            String addressLine1,
            String addressLine2,
            String postalCode,
            String city,
            String country,
            String orderId,
            LocalDate shipDate) {

        public Content {
            requireNonNull(trackingNumber, "trackingNumber is null");
            requireNonNull(carrier, "carrier is null");
            requireNonNull(speed, "speed is null");
            requireNonNull(warehouse, "warehouse is null");
            requireNonNull(recipientName, "recipientName is null");
            requireNonNull(addressLine1, "addressLine1 is null");
            requireNonNull(postalCode, "postalCode is null");
            requireNonNull(city, "city is null");
            requireNonNull(country, "country is null");
            requireNonNull(orderId, "orderId is null");
            requireNonNull(shipDate, "shipDate is null");
        }
    }

    /** The label as PDF bytes. */
    public static byte[] render(Content content) {
        requireNonNull(content, "content is null");
        synchronized (Fonts.class) {
            return draw(content, Fonts.REGULAR, Fonts.BOLD);
        }
    }

    private static byte[] draw(Content content, PDFont regular, PDFont bold) {
        try (PDDocument document = new PDDocument()) {
            // PDFBox derives the file identifier from this seed instead of the clock: same content, same bytes.
            document.setDocumentId((long) content.trackingNumber().hashCode());
            PDPage page = new PDPage(new PDRectangle(WIDTH, HEIGHT));
            document.addPage(page);
            try (PDPageContentStream canvas = new PDPageContentStream(document, page)) {
                new Sheet(canvas, regular, bold).draw(content);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not draw the label of " + content.trackingNumber(), e);
        }
    }

    /**
     * The standard PDF fonts, made once, on the first label: making one looks for a matching system font (and logs a
     * warning where it falls back to another), which is no work to repeat per label. Using one fills caches without
     * synchronisation, so labels are drawn one at a time (under a millisecond each).
     */
    private static final class Fonts {
        static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    }

    /** One label being drawn: the page's canvas and its fonts. */
    private record Sheet(PDPageContentStream canvas, PDFont regular, PDFont bold) {

        void draw(Content content) throws IOException {
            float top = HEIGHT - MARGIN;

            text(regular, 7, MARGIN, top - 8, "FROM");
            text(bold, 11, MARGIN, top - 22, fit("Warehouse " + content.warehouse(), bold, 11, CONTENT_WIDTH - 100));
            speedBox(content.speed(), top);
            rule(top - 48);

            float y = top - 62;
            text(regular, 7, MARGIN, y, "SHIP TO");
            y -= 18;
            text(bold, 14, MARGIN, y, fit(content.recipientName(), bold, 14, CONTENT_WIDTH));
            for (String line : addressLines(content)) {
                y -= 16;
                text(regular, 12, MARGIN, y, fit(line, regular, 12, CONTENT_WIDTH));
            }
            rule(250);

            text(bold, 14, MARGIN, 230, fit(content.carrier(), bold, 14, CONTENT_WIDTH));
            text(regular, 10, MARGIN, 216, content.speed() + " service, " + content.speed().transitBusinessDays() + " business days");
            rule(206);

            text(regular, 7, MARGIN, 196, "TRACKING NUMBER");
            barcode(content.trackingNumber(), 104);
            centered(bold, 14, 88, content.trackingNumber());
            rule(78);

            text(regular, 9, MARGIN, 64, fit("Order " + content.orderId(), regular, 9, CONTENT_WIDTH));
            text(regular, 9, MARGIN, 50, "Shipped " + content.shipDate());
        }

        private List<String> addressLines(Content content) {
            List<String> lines = new ArrayList<>();
            lines.add(content.addressLine1());
            if (content.addressLine2() != null && !content.addressLine2().isBlank()) {
                lines.add(content.addressLine2());
            }
            lines.add(content.postalCode() + " " + content.city());
            lines.add(content.country());
            return lines;
        }

        /** The service in white on black in the top right corner, where sorters look first. */
        private void speedBox(ShippingSpeed speed, float top) throws IOException {
            float boxWidth = 92;
            float boxHeight = 36;
            float left = WIDTH - MARGIN - boxWidth;
            float bottom = top - boxHeight;
            canvas.setNonStrokingColor(0f);
            canvas.addRect(left, bottom, boxWidth, boxHeight);
            canvas.fill();
            canvas.setNonStrokingColor(1f);
            String label = speed.name();
            float size = 14;
            float width = bold.getStringWidth(label) / 1000 * size;
            text(bold, size, left + (boxWidth - width) / 2, bottom + 13, label);
            canvas.setNonStrokingColor(0f);
        }

        /** The tracking number's Code 128 modules (ZXing's), each a whole number of printer dots wide, quiet zones around. */
        private void barcode(String data, float bottom) throws IOException {
            boolean[] bars = new Code128Writer().encode(data);
            int modules = bars.length + 2 * QUIET_ZONE_MODULES;
            int dots = Math.min(MAX_MODULE_DOTS, (int) Math.floor(CONTENT_WIDTH / (modules * PRINTER_DOT)));
            if (dots < 1) {
                throw new IllegalArgumentException("'" + data + "' is too long for a Code 128 barcode on a 4-inch label");
            }
            float module = dots * PRINTER_DOT;
            float left = MARGIN + (CONTENT_WIDTH - modules * module) / 2 + QUIET_ZONE_MODULES * module;
            canvas.setNonStrokingColor(0f);
            int start = 0;
            while (start < bars.length) {
                int end = start;
                while (end < bars.length && bars[end] == bars[start]) {
                    end++;
                }
                if (bars[start]) {
                    canvas.addRect(left + start * module, bottom, (end - start) * module, BARCODE_HEIGHT);
                }
                start = end;
            }
            canvas.fill();
        }

        private void rule(float y) throws IOException {
            canvas.setLineWidth(1);
            canvas.moveTo(MARGIN, y);
            canvas.lineTo(WIDTH - MARGIN, y);
            canvas.stroke();
        }

        private void centered(PDFont font, float size, float y, String text) throws IOException {
            String printable = printable(text, font);
            float width = font.getStringWidth(printable) / 1000 * size;
            text(font, size, (WIDTH - width) / 2, y, printable);
        }

        private void text(PDFont font, float size, float x, float y, String text) throws IOException {
            canvas.beginText();
            canvas.setFont(font, size);
            canvas.newLineAtOffset(x, y);
            canvas.showText(printable(text, font));
            canvas.endText();
        }
    }

    /** {@code text} cut to {@code maxWidth} points, ending in an ellipsis when cut. */
    static String fit(String text, PDFont font, float size, float maxWidth) throws IOException {
        String printable = printable(text, font);
        if (font.getStringWidth(printable) / 1000 * size <= maxWidth) {
            return printable;
        }
        String cut = printable;
        while (!cut.isEmpty() && font.getStringWidth(cut + "…") / 1000 * size > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }

    /**
     * {@code text} in characters the font can draw. The standard PDF fonts know Latin-1 and a little more; a letter
     * they lack is drawn without its accent when it has one (Ł stays L), and as '?' otherwise, rather than failing
     * the label of an address in another script.
     */
    static String printable(String text, PDFont font) {
        StringBuilder printable = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
                printable.append(' ');
            } else if (canDraw(font, Character.toString(codePoint))) {
                printable.appendCodePoint(codePoint);
            } else {
                String base = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                base = switch (base) {
                    case "Ł" -> "L";
                    case "ł" -> "l";
                    case "Đ" -> "D";
                    case "đ" -> "d";
                    case "ı" -> "i";
                    default -> base;
                };
                printable.append(!base.isEmpty() && canDraw(font, base) ? base : "?");
            }
        });
        return printable.toString();
    }

    private static boolean canDraw(PDFont font, String text) {
        try {
            font.encode(text);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
