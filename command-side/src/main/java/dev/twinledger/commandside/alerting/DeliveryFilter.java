package dev.twinledger.commandside.alerting;

/**
 * Which outbox rows to list; a null criterion matches every row. Rows come newest first.
 *
 * @param page zero-based
 * @param size rows per page, positive
 */
public record DeliveryFilter(DeliveryState state, String subscriber, DeliveryChannel channel, int page, int size) {

    public DeliveryFilter {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be >= 0 and size >= 1");
        }
    }
}
