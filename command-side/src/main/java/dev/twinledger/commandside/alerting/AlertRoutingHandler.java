package dev.twinledger.commandside.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.api.capacity.CapacityAlertCleared;
import dev.twinledger.api.capacity.CapacityAlertRaised;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Turns each capacity alert event into outbox rows: one per subscriber of the alert's support level, and one for the
 * alerts topic. Runs in the tracking processor {@value #PROCESSING_GROUP} over the event store, so the rows commit in
 * the transaction that moves the processor's token in {@code token_entry}; with two command sides on one store only
 * the one holding the token's claim routes, and a re-routed event finds its rows already there.
 */
@ProcessingGroup(AlertRoutingHandler.PROCESSING_GROUP)
public final class AlertRoutingHandler {

    /** The processing group, and the processor's name in {@code token_entry}. */
    public static final String PROCESSING_GROUP = "alert-routing";

    private static final Logger log = LoggerFactory.getLogger(AlertRoutingHandler.class);
    /** Its own mapper, not the web's: the body is a contract with receivers and must not follow web settings. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertRouter router;
    private final AlertDeliveryStore store;

    public AlertRoutingHandler(AlertRouter router, AlertDeliveryStore store) {
        this.router = router;
        this.store = store;
    }

    @EventHandler
    void on(CapacityAlertRaised raised, EventMessage<?> message, TrackingToken token) {
        route(message, token, raised.alertId(), AlertTransition.RAISED, raised.severity(), raised.hostId(),
                raised.siteId(), raised.allocatedMib(), raised.capacityMib(), raised.utilizationPercent(),
                raised.thresholdPercent());
    }

    @EventHandler
    void on(CapacityAlertCleared cleared, EventMessage<?> message, TrackingToken token) {
        route(message, token, cleared.alertId(), AlertTransition.CLEARED, cleared.severity(), cleared.hostId(),
                cleared.siteId(), cleared.allocatedMib(), cleared.capacityMib(), cleared.utilizationPercent(), null);
    }

    private void route(EventMessage<?> message, TrackingToken token, String alertId, AlertTransition transition,
                       AlertSeverity severity, String hostId, String siteId, long allocatedMib, long capacityMib,
                       double utilizationPercent, Double thresholdPercent) {
        long position = token.position().orElseThrow(() -> new IllegalStateException(
                "the event store's token has no position for event " + message.getIdentifier()));
        SupportLevel level = router.levelOf(severity, siteId);
        Object correlation = message.getMetaData().get(EventMetadata.CORRELATION_ID);
        AlertNotification alert = new AlertNotification(message.getIdentifier(), alertId, transition, severity,
                level, hostId, siteId, allocatedMib, capacityMib, utilizationPercent, thresholdPercent,
                message.getTimestamp().toString(), position, correlation == null ? null : correlation.toString());
        List<DeliveryTarget> targets = router.targetsFor(level);
        int added = store.add(alert, payload(alert), targets);
        log.debug("Alert {} {} ({}, {}) at position {} routed to {}: {} new deliveries", alertId, transition,
                severity, level, position, targets, added);
    }

    /** The body receivers get for {@code alert}. */
    static String payload(AlertNotification alert) {
        try {
            return JSON.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert " + alert.alertId() + " as JSON", e);
        }
    }
}
