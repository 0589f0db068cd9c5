/**
 * Shipping labels: a 4 × 6 inch PDF per parcel with ship-from, ship-to, carrier, service and the tracking number as
 * text and as a Code 128 barcode (encoded by ZXing, drawn with PDFBox), made on demand from the stored parcel and
 * served by the {@code labels} view.
 */
package dev.conveyor.plugin.ecommerce.label;
