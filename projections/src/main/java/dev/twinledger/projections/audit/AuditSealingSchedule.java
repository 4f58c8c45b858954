package dev.twinledger.projections.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link AuditChainSealer} every interval on one thread. While it is catching up (a rebuild, a backlog)
 * it reports progress at INFO every ten seconds; otherwise it is quiet. A failed run (database down) is logged and
 * retried at the next tick: sealing late loses nothing.
 */
public final class AuditSealingSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditSealingSchedule.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AuditChainSealer sealer;
    private final Duration interval;
    private final boolean enabled;
    private ScheduledExecutorService executor;
    private long sealedSinceReport;
    private long lastReportNanos = System.nanoTime();
    private boolean failing;

    /** @param enabled false for an instance that must not seal (another instance on the same database does) */
    public AuditSealingSchedule(AuditChainSealer sealer, Duration interval, boolean enabled) {
        this.sealer = sealer;
        this.interval = interval;
        this.enabled = enabled;
    }

    void runOnce() {
        try {
            AuditChainSealer.SealResult result = sealer.sealAvailable();
            if (failing) {
                log.info("audit chain sealing works again");
                failing = false;
            }
            sealedSinceReport += result.sealed();
            long now = System.nanoTime();
            if (now - lastReportNanos >= PROGRESS_EVERY_NANOS) {
                if (sealedSinceReport > 0) {
                    double seconds = (now - lastReportNanos) / 1e9;
                    log.info("audit chain: sealed {} records in the last {} s ({}/s), {} in the chain up to position"
                                    + " {}", sealedSinceReport, Math.round(seconds),
                            Math.round(sealedSinceReport / seconds), result.entries(), result.head());
                }
                sealedSinceReport = 0;
                lastReportNanos = now;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("audit chain sealing failed, retrying every {}: {}", interval, e.toString());
                failing = true;
            } else {
                log.debug("audit chain sealing still failing", e);
            }
        }
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            log.info("audit chain sealing is off on this instance (twinledger.audit.sealing=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-chain-sealer");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
