package dev.twinledger.commandside.alerting;

/** Makes one delivery attempt over one channel. */
public interface DeliverySender {

    /**
     * Tries once to deliver {@code delivery}. Failures are answered as a failed outcome, not thrown; an exception
     * that escapes anyway counts as a failed attempt too.
     */
    DeliveryOutcome send(ClaimedDelivery delivery);
}
