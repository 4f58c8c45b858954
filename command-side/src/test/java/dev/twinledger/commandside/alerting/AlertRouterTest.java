package dev.twinledger.commandside.alerting;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.twinledger.api.capacity.AlertSeverity.CRITICAL;
import static dev.twinledger.api.capacity.AlertSeverity.WARNING;
import static dev.twinledger.commandside.alerting.DeliveryChannel.KAFKA;
import static dev.twinledger.commandside.alerting.DeliveryChannel.WEBHOOK;
import static dev.twinledger.commandside.alerting.SupportLevel.L1;
import static dev.twinledger.commandside.alerting.SupportLevel.L2;
import static dev.twinledger.commandside.alerting.SupportLevel.L3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AlertRouterTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final AlertRoutes ROUTES = new AlertRoutes(List.of(
            new RouteRule(CRITICAL, "dc1", L3),
            new RouteRule(CRITICAL, null, L2),
            new RouteRule(null, "dc2", L2)), L1);

    @Test
    void theFirstMatchingRuleWins() {
        assertThat(ROUTES.levelOf(CRITICAL, "dc1")).isEqualTo(L3);
        assertThat(ROUTES.levelOf(CRITICAL, "dc2")).isEqualTo(L2);
        assertThat(ROUTES.levelOf(WARNING, "dc2")).isEqualTo(L2);
    }

    @Test
    void anAlertNoRuleMatchesGoesToTheDefaultLevel() {
        assertThat(ROUTES.levelOf(WARNING, "dc1")).isEqualTo(L1);
        assertThat(ROUTES.levelOf(WARNING, null)).isEqualTo(L1);
        assertThat(new AlertRoutes(List.of(), L2).levelOf(CRITICAL, "dc1")).isEqualTo(L2);
    }

    @Test
    void aRuleWithASiteDoesNotMatchAlertsWithoutOne() {
        assertThat(ROUTES.levelOf(CRITICAL, null)).isEqualTo(L2);
    }

    @Test
    void anAlertGoesToTheSubscribersOfItsLevelAndToTheTopic() {
        AlertRouter router = new AlertRouter(ROUTES, List.of(
                Subscriber.of("noc", Set.of(L1, L2), "https://noc.example/hook", SECRET),
                Subscriber.of("oncall", Set.of(L3), "https://oncall.example/hook", SECRET),
                Subscriber.of("capacity-team", Set.of(L2), "http://capacity.example/alerts", SECRET)),
                Optional.of("twinledger.alerts"));

        assertThat(router.targetsFor(router.levelOf(CRITICAL, "dc2"))).containsExactly(
                new DeliveryTarget(WEBHOOK, "noc"), new DeliveryTarget(WEBHOOK, "capacity-team"),
                new DeliveryTarget(KAFKA, "twinledger.alerts"));
        assertThat(router.targetsFor(router.levelOf(CRITICAL, "dc1"))).containsExactly(
                new DeliveryTarget(WEBHOOK, "oncall"), new DeliveryTarget(KAFKA, "twinledger.alerts"));
    }

    @Test
    void withoutTheTopicALevelNobodyTakesGoesNowhere() {
        AlertRouter router = new AlertRouter(ROUTES,
                List.of(Subscriber.of("noc", Set.of(L1), "https://noc.example/hook", SECRET)), Optional.empty());

        assertThat(router.targetsFor(L3)).isEmpty();
        assertThat(router.targetsFor(L1)).containsExactly(new DeliveryTarget(WEBHOOK, "noc"));
    }

    @Test
    void deliveryIdsAreStablePerEventAndTarget() {
        DeliveryTarget noc = new DeliveryTarget(WEBHOOK, "noc");

        assertThat(noc.deliveryIdFor("event-1")).isEqualTo(new DeliveryTarget(WEBHOOK, "noc")
                .deliveryIdFor("event-1"));
        assertThat(noc.deliveryIdFor("event-1")).isNotEqualTo(noc.deliveryIdFor("event-2"));
        assertThat(noc.deliveryIdFor("event-1")).isNotEqualTo(new DeliveryTarget(KAFKA, "noc")
                .deliveryIdFor("event-1"));
    }

    @Test
    void aSubscriberNeedsALongEnoughSecretAnHttpUrlAndALevel() {
        assertThatIllegalArgumentException().isThrownBy(() ->
                Subscriber.of("noc", Set.of(L1), "https://noc.example/hook", "short"));
        assertThatIllegalArgumentException().isThrownBy(() ->
                Subscriber.of("noc", Set.of(L1), "ftp://noc.example/hook", SECRET));
        assertThatIllegalArgumentException().isThrownBy(() ->
                Subscriber.of("noc", Set.of(), "https://noc.example/hook", SECRET));
    }

    @Test
    void aSubscribersTextNeverShowsItsSecret() {
        Subscriber noc = Subscriber.of("noc", Set.of(L1), "https://noc.example/hook?token=abc", SECRET);

        assertThat(noc.toString()).contains("noc").doesNotContain(SECRET).doesNotContain("token=abc");
    }
}
