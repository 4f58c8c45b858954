package dev.twinledger.queryside.consistency;

import dev.twinledger.projections.tracking.ProjectionProgress;
import dev.twinledger.queryside.config.QueryProperties;
import dev.twinledger.queryside.config.SiteProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Makes a query wait, bounded, until the read model has applied the event at a given global position. Controllers
 * call {@link #awaitIfRequested} before reading, so the answer includes that event's effect. Every projection runs
 * in the one processor whose progress this waits on, so "applied" holds for every table a query reads.
 */
@Component
public class ReadYourWrites {

    private final ProjectionProgress inventoryProgress;
    private final Duration timeout;
    private final String siteId;

    public ReadYourWrites(ProjectionProgress inventoryProgress, QueryProperties query, SiteProperties site) {
        this.inventoryProgress = inventoryProgress;
        this.timeout = query.minPositionTimeout();
        this.siteId = site.siteId();
    }

    /**
     * Returns at once when {@code minPosition} is null or already applied; otherwise waits up to the configured
     * timeout for it.
     *
     * @param minPosition a global position from a command response, at least 0 (validated by the caller), or null
     * @throws ReadModelNotCaughtUpException when the position is not applied in time (answered 503)
     */
    public void awaitIfRequested(Long minPosition) {
        if (minPosition == null) {
            return;
        }
        boolean applied;
        try {
            applied = inventoryProgress.awaitApplied(minPosition, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            applied = false;
        }
        if (!applied) {
            throw new ReadModelNotCaughtUpException(siteId, minPosition, timeout);
        }
    }

    /** The longest a request waits. */
    public Duration timeout() {
        return timeout;
    }
}
