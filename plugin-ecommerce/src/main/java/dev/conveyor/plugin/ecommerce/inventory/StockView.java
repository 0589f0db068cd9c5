package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Optional;

/** The {@code stock} view: one SKU in every warehouse that stocks it, by warehouse code, with the totals. */
public record StockView(String sku, int onHand, int reserved, int available, List<StockLevel> warehouses) {

    public StockView {
        requireNonNull(sku, "sku is null");
        warehouses = List.copyOf(requireNonNull(warehouses, "warehouses is null"));
    }

    /**
     * The finder of the {@code stock} view, keyed by SKU.
     *
     * @throws ValidationException when the key cannot be a SKU (the API answers 400)
     */
    public static Optional<StockView> find(String sku, RequestContext context) {
        if (!Sku.isValid(sku)) {
            throw new ValidationException("stock view key", List.of(new Violation("sku", "'" + (sku.length() <= 40 ? sku
                    : sku.substring(0, 40) + "…") + "' is not a SKU: a SKU is " + Sku.RULE)));
        }
        List<StockLevel> levels = context.repository(Stock.class).countsOf(List.of(sku)).stream().map(StockLevel::of).toList();
        return levels.isEmpty() ? Optional.empty() : Optional.of(of(sku, levels));
    }

    public static StockView of(String sku, List<StockLevel> levels) {
        return new StockView(sku,
                levels.stream().mapToInt(StockLevel::onHand).sum(),
                levels.stream().mapToInt(StockLevel::reserved).sum(),
                levels.stream().mapToInt(StockLevel::available).sum(),
                levels);
    }
}
