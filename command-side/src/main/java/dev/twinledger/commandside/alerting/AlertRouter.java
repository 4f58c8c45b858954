package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides where an alert goes: its support level from the routing rules, then every subscriber taking that level, and
 * the alerts topic when publishing to it is on (the topic gets every alert, whatever its level).
 */
public final class AlertRouter {

    private final AlertRoutes routes;
    private final List<Subscriber> subscribers;
    private final Optional<String> topic;

    /**
     * @param topic the alerts topic, or empty when alerts are not published to Kafka
     */
    public AlertRouter(AlertRoutes routes, List<Subscriber> subscribers, Optional<String> topic) {
        this.routes = routes;
        this.subscribers = List.copyOf(subscribers);
        this.topic = topic;
    }

    /** The support level of an alert of {@code severity} at {@code siteId}. */
    public SupportLevel levelOf(AlertSeverity severity, String siteId) {
        return routes.levelOf(severity, siteId);
    }

    /** Every target of an alert routed to {@code level}: the subscribers in configuration order, then the topic. */
    public List<DeliveryTarget> targetsFor(SupportLevel level) {
        List<DeliveryTarget> targets = new ArrayList<>();
        subscribers.stream().filter(s -> s.takes(level))
                .forEach(s -> targets.add(new DeliveryTarget(DeliveryChannel.WEBHOOK, s.name())));
        topic.ifPresent(name -> targets.add(new DeliveryTarget(DeliveryChannel.KAFKA, name)));
        return targets;
    }
}
