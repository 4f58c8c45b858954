package dev.twinledger.commandside.alerting;

import java.util.List;

/**
 * One page of outbox rows.
 *
 * @param totalItems rows matching the filter, on all pages
 * @param totalPages pages of {@code size} needed for {@code totalItems}; 0 when nothing matches
 */
public record DeliveryPage(List<AlertDeliveryView> items, int page, int size, long totalItems, long totalPages) {

    public static DeliveryPage of(List<AlertDeliveryView> items, int page, int size, long totalItems) {
        return new DeliveryPage(List.copyOf(items), page, size, totalItems, (totalItems + size - 1) / size);
    }
}
