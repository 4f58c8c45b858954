package dev.twinledger.commandside.alerting;

/** What happened to an alert: it was raised or it was cleared. */
public enum AlertTransition {
    RAISED("capacity-alert.raised"),
    CLEARED("capacity-alert.cleared");

    private final String eventType;

    AlertTransition(String eventType) {
        this.eventType = eventType;
    }

    /** The value of the {@code X-Twinledger-Event} header (and Kafka header {@code event}) for this transition. */
    public String eventType() {
        return eventType;
    }
}
