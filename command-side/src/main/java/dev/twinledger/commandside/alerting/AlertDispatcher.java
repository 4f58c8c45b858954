package dev.twinledger.commandside.alerting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Works off the outbox on one thread: every poll interval it claims due rows in small batches (rows another command
 * side holds are skipped), makes one attempt per row, and records the outcome: DELIVERED, due again after the backoff,
 * or DEAD after the last allowed attempt. Rows stay claimed for a lease while their attempt runs, so a command side
 * that dies mid-attempt only delays the row until the lease lapses; the receiver may then get the same delivery id
 * twice, never two different ids for one transition.
 */
public final class AlertDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    /** Added to a batch's worst case so a lease never lapses while its attempts are still running. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final AlertDeliveryStore store;
    private final Map<DeliveryChannel, DeliverySender> senders;
    private final AlertDeliveryMetrics metrics;
    private final Backoff backoff;
    private final int maxAttempts;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration lease;
    private final String owner;
    private ScheduledExecutorService executor;
    private boolean storeUnreachable;

    /**
     * @param attemptBound the longest one attempt can take on any channel; the lease is a batch of those plus a margin
     * @param owner        this instance's name, recorded on the rows it claims
     */
    public AlertDispatcher(AlertDeliveryStore store, Map<DeliveryChannel, DeliverySender> senders,
                           AlertDeliveryMetrics metrics, Backoff backoff, int maxAttempts, int batchSize,
                           Duration pollInterval, Duration attemptBound, String owner) {
        this.store = store;
        this.senders = Map.copyOf(senders);
        this.metrics = metrics;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.lease = attemptBound.multipliedBy(batchSize).plus(LEASE_MARGIN);
        this.owner = owner;
    }

    /**
     * Claims and attempts due rows until none is left or a batch comes back short.
     *
     * @return how many attempts were made
     */
    public int dispatchDue() {
        int attempts = 0;
        List<ClaimedDelivery> batch;
        do {
            batch = store.claim(batchSize, lease, owner);
            for (ClaimedDelivery delivery : batch) {
                attempt(delivery);
                attempts++;
            }
        } while (batch.size() == batchSize && !Thread.currentThread().isInterrupted());
        return attempts;
    }

    private void attempt(ClaimedDelivery delivery) {
        DeliveryOutcome outcome;
        try {
            outcome = senders.get(delivery.channel()).send(delivery);
        } catch (RuntimeException e) {
            outcome = DeliveryOutcome.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (outcome.delivered()) {
            if (store.markDelivered(delivery, outcome.status())) {
                metrics.delivered(delivery);
                log.debug("Delivered {} to {} {} at attempt {}", delivery.id(), delivery.channel(),
                        delivery.subscriber(), delivery.attempt());
            } else {
                lostClaim(delivery);
            }
            return;
        }
        metrics.failedAttempt(delivery);
        if (delivery.attempt() >= maxAttempts) {
            if (store.markDead(delivery, outcome)) {
                metrics.dead(delivery);
                log.warn("Alert delivery {} to {} {} is DEAD after {} attempts; last error: {}", delivery.id(),
                        delivery.channel(), delivery.subscriber(), delivery.attempt(), outcome.error());
            } else {
                lostClaim(delivery);
            }
            return;
        }
        Duration wait = backoff.after(delivery.attempt(), ThreadLocalRandom.current()::nextDouble);
        if (store.markRetry(delivery, outcome, wait)) {
            log.debug("Attempt {} of {} to {} {} failed ({}); next in {} ms", delivery.attempt(), delivery.id(),
                    delivery.channel(), delivery.subscriber(), outcome.error(), wait.toMillis());
        } else {
            lostClaim(delivery);
        }
    }

    private void lostClaim(ClaimedDelivery delivery) {
        // Only after an attempt outlived the lease; the row was claimed again and that claim records the outcome.
        log.warn("Alert delivery {} was claimed again while attempt {} ran; its outcome is not recorded",
                delivery.id(), delivery.attempt());
    }

    private void poll() {
        try {
            dispatchDue();
            if (storeUnreachable) {
                log.info("Alert outbox reachable again; delivering");
                storeUnreachable = false;
            }
        } catch (RuntimeException e) {
            if (!storeUnreachable) {
                log.warn("Cannot work off the alert outbox, retrying every {} ms: {}", pollInterval.toMillis(),
                        e.toString());
                storeUnreachable = true;
            } else {
                log.debug("Alert outbox still unreachable: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "alert-dispatcher");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                // An attempt cut short here is not recorded; its row is due again once the lease lapses.
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
