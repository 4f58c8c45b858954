package dev.twinledger.commandside.alerting;

/** The support level an alert is routed to; subscribers say which levels they take. */
public enum SupportLevel {
    L1,
    L2,
    L3
}
