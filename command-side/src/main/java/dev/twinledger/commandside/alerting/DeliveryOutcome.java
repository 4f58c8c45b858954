package dev.twinledger.commandside.alerting;

/**
 * What one attempt came to.
 *
 * @param delivered whether the receiver accepted it
 * @param status    the HTTP status answered, or null (no answer, or the Kafka channel)
 * @param error     why it failed, for people to read; null when delivered
 */
public record DeliveryOutcome(boolean delivered, Integer status, String error) {

    /** Longest error text kept on the row. */
    static final int MAX_ERROR_LENGTH = 1000;

    public DeliveryOutcome {
        if (error != null && error.length() > MAX_ERROR_LENGTH) {
            error = error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
        }
    }

    public static DeliveryOutcome delivered(Integer status) {
        return new DeliveryOutcome(true, status, null);
    }

    public static DeliveryOutcome failed(Integer status, String error) {
        return new DeliveryOutcome(false, status, error);
    }
}
