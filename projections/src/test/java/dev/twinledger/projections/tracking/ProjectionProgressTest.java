package dev.twinledger.projections.tracking;

import dev.twinledger.projections.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionProgressTest {

    private static TestDatabase database;
    private static AppliedEventLog log;
    private static final AtomicLong processors = new AtomicLong();

    @BeforeAll
    static void createDatabase() {
        database = TestDatabase.createMigrated(ProjectionProgressTest.class);
        log = new AppliedEventLog(database.dataSource());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    private static ProjectionProgress progress() {
        return new ProjectionProgress("test-" + processors.incrementAndGet(), log, null, null);
    }

    @Test
    void appliedMeansThatExactPositionNotTheHighestSeen() {
        ProjectionProgress progress = progress();
        log.record(progress.processorName(), 5, "e5", "T");
        log.record(progress.processorName(), 7, "e7", "T");

        assertThat(progress.hasApplied(5)).isTrue();
        assertThat(progress.hasApplied(6)).as("a gap below the highest position").isFalse();
        assertThat(progress.hasApplied(7)).isTrue();
        assertThat(progress.highestAppliedPosition()).hasValue(7);
        assertThat(progress.appliedCount()).isEqualTo(2);
    }

    @Test
    void positionsAreKeptPerProcessor() {
        ProjectionProgress one = progress();
        ProjectionProgress other = progress();
        log.record(one.processorName(), 11, "e11", "T");

        assertThat(other.hasApplied(11)).isFalse();
        assertThat(other.highestAppliedPosition()).isEmpty();
    }

    @Test
    void recordingAPositionTwiceSaysItWasAlreadyThere() {
        ProjectionProgress progress = progress();

        assertThat(log.record(progress.processorName(), 3, "e3", "T")).isTrue();
        assertThat(log.record(progress.processorName(), 3, "e3", "T")).isFalse();
    }

    @Test
    void awaitReturnsAtOnceWhenAlreadyApplied() throws Exception {
        ProjectionProgress progress = progress();
        log.record(progress.processorName(), 1, "e1", "T");

        long started = System.nanoTime();
        assertThat(progress.awaitApplied(1, Duration.ofSeconds(5))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void awaitGivesUpAfterTheTimeout() throws Exception {
        ProjectionProgress progress = progress();

        long started = System.nanoTime();
        assertThat(progress.awaitApplied(42, Duration.ofMillis(400))).isFalse();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void awaitIsWokenByACommitSoonAfterIt() throws Exception {
        ProjectionProgress progress = progress();
        CompletableFuture<Long> appliedAt = CompletableFuture.supplyAsync(() -> {
            sleep(300);
            log.record(progress.processorName(), 9, "e9", "T");
            progress.batchCommitted(List.of(9L));
            return System.nanoTime();
        });

        assertThat(progress.awaitApplied(9, Duration.ofSeconds(5))).isTrue();
        long returnedAt = System.nanoTime();
        assertThat(Duration.ofNanos(returnedAt - appliedAt.get(1, TimeUnit.SECONDS)))
                .as("woken by the commit signal, not the periodic re-check")
                .isLessThan(Duration.ofMillis(ProjectionProgress.RECHECK_MILLIS));
    }

    @Test
    void waitersLearnOfThisProcessCommitsFromTheSignalNotFromTheDatabase() throws Exception {
        AtomicInteger databaseChecks = new AtomicInteger();
        AppliedEventLog counting = new AppliedEventLog(database.dataSource()) {
            @Override
            public boolean isApplied(String processor, long globalPosition) {
                databaseChecks.incrementAndGet();
                return super.isApplied(processor, globalPosition);
            }
        };
        ProjectionProgress progress = new ProjectionProgress("test-" + processors.incrementAndGet(), counting, null,
                null);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return progress.awaitApplied(99, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (long other = 1; other <= 200; other++) {
            progress.batchCommitted(List.of(other));
        }
        progress.batchCommitted(List.of(98L, 99L));

        assertThat(waiter.get(30, TimeUnit.SECONDS)).as("no row was written: only the signal says so").isTrue();
        assertThat(databaseChecks.get()).as("one check on entry, then one per re-check interval at most")
                .isLessThan(200);
    }

    @Test
    void awaitNoticesACommitMadeElsewhereWithoutASignal() throws Exception {
        ProjectionProgress progress = progress();
        CompletableFuture.runAsync(() -> {
            sleep(300);
            log.record(progress.processorName(), 10, "e10", "T");
        });

        assertThat(progress.awaitApplied(10, Duration.ofSeconds(5))).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
