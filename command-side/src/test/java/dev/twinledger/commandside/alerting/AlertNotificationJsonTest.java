package dev.twinledger.commandside.alerting;

import dev.twinledger.api.capacity.AlertSeverity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The body receivers parse is a contract: a change to it must be deliberate, and this test says what it was. */
class AlertNotificationJsonTest {

    @Test
    void aRaisedAlertReadsExactlyLikeThis() {
        AlertNotification raised = new AlertNotification("ev-1", "hv-07:3", AlertTransition.RAISED,
                AlertSeverity.CRITICAL, SupportLevel.L2, "hv-07", "dc1", 245760, 253952, 96.8, 95.0,
                "2026-11-25T20:01:02.345Z", 4711, "corr-1");

        assertThat(AlertRoutingHandler.payload(raised)).isEqualTo("""
                {"eventId":"ev-1","alertId":"hv-07:3","transition":"RAISED","severity":"CRITICAL","level":"L2",\
                "hostId":"hv-07","siteId":"dc1","allocatedMib":245760,"capacityMib":253952,\
                "utilizationPercent":96.8,"thresholdPercent":95.0,"occurredAt":"2026-11-25T20:01:02.345Z",\
                "globalPosition":4711,"correlationId":"corr-1"}""");
    }

    @Test
    void aClearedAlertHasANullThreshold() {
        AlertNotification cleared = new AlertNotification("ev-2", "hv-07:3", AlertTransition.CLEARED,
                AlertSeverity.CRITICAL, SupportLevel.L2, "hv-07", "dc1", 100, 253952, 0.04, null,
                "2026-11-25T21:00:00Z", 4800, null);

        assertThat(AlertRoutingHandler.payload(cleared))
                .contains("\"transition\":\"CLEARED\"", "\"thresholdPercent\":null", "\"correlationId\":null");
    }
}
