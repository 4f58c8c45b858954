package dev.twinledger.benchmarks;

import dev.twinledger.benchmarks.estate.EstateGenerator;
import dev.twinledger.benchmarks.estate.EstateSettings;
import dev.twinledger.benchmarks.estate.EstateStore;
import dev.twinledger.localstack.PostgresServer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The estate steps of a run: generating the history into the event store before the command side starts, waiting
 * until the command side has published it and the query side has applied it, and timing a rebuild by a second query
 * side on an empty read database. Progress is printed from polling the databases every few seconds.
 */
final class EstateRun {

    static final String PUBLISHER = "__axon-kafka-event-publishing-group";
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");
    private static final Duration POLL = Duration.ofSeconds(2);

    /** What the estate steps measured; times in seconds. */
    static final class Result {
        String settings;
        EstateGenerator.Estate estate;
        double generateSeconds;
        long storedEvents;
        double publishSeconds = Double.NaN;
        double catchUpSeconds = Double.NaN;
        double lastUnpublishedSeconds;
        double lastUnappliedSeconds;
        double rebuildSeconds = Double.NaN;
        double rebuildFirstToLastSeconds = Double.NaN;
        long rebuildApplied;
        double rebuildPeakRssMib = Double.NaN;
        JfrSummary rebuildProfile;
        Path rebuildRecording;

        double generateRate() {
            return estate.events() / generateSeconds;
        }

        /**
         * From the last poll that saw nothing published to the first that saw everything (the services' start-up
         * left out): a lower bound, the polls being {@link #POLL} apart.
         */
        double publishRate() {
            return storedEvents / (publishSeconds - lastUnpublishedSeconds);
        }

        /** From the last poll that saw nothing applied to the first that saw everything: a lower bound. */
        double catchUpRate() {
            return storedEvents / (catchUpSeconds - lastUnappliedSeconds);
        }

        double rebuildRate() {
            return rebuildApplied / rebuildFirstToLastSeconds;
        }
    }

    private EstateRun() {
    }

    /** Generates the estate into {@code eventsDb}, migrated with the command side's own scripts. */
    static Result generate(PostgresServer postgres, String eventsDb, EstateSettings settings, Path projectRoot) {
        Result result = new Result();
        result.settings = settings.describe();
        BenchmarkMain.log("estate: generating " + result.settings);
        long started = System.nanoTime();
        try (EstateStore store = new EstateStore(postgres.jdbcUrl(eventsDb), postgres.username(),
                postgres.password(), projectRoot.resolve("command-side/src/main/resources/db/migration"))) {
            result.estate = new EstateGenerator(settings, store, Instant.now()).generate(n -> BenchmarkMain.log(
                    String.format(Locale.ROOT, "  %,d events stored (%,.0f/s)", n,
                            n / ((System.nanoTime() - started) / 1e9))));
        }
        result.generateSeconds = (System.nanoTime() - started) / 1e9;
        result.storedEvents = result.estate.events();
        BenchmarkMain.log(String.format(Locale.ROOT, "  done: %,d events (%,d VMs, %,d live; %,d grants) in %.1f s,"
                        + " %,.0f events/s", result.estate.events(), result.estate.vms(), result.estate.liveVms(),
                result.estate.grants(), result.generateSeconds, result.generateRate()));
        return result;
    }

    /**
     * Waits until the command side's publisher has passed the estate and the query side has applied every event of
     * it; {@code sinceNanos} is when the services were started.
     */
    static void awaitProjected(Result result, PostgresServer postgres, String eventsDb, String readDb,
                               long sinceNanos, Duration timeout) throws Exception {
        long lastIndex = result.storedEvents;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long published = publisherIndex(postgres, eventsDb);
            long applied = appliedCount(postgres, readDb);
            double elapsed = (System.nanoTime() - sinceNanos) / 1e9;
            if (published == 0) {
                result.lastUnpublishedSeconds = elapsed;
            }
            if (applied == 0) {
                result.lastUnappliedSeconds = elapsed;
            }
            if (Double.isNaN(result.publishSeconds) && published >= lastIndex) {
                result.publishSeconds = elapsed;
            }
            BenchmarkMain.log(String.format(Locale.ROOT, "  %.0f s after start: published up to %,d, applied %,d of"
                    + " %,d", elapsed, published, applied, result.storedEvents));
            if (applied >= result.storedEvents && !Double.isNaN(result.publishSeconds)) {
                result.catchUpSeconds = elapsed;
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the estate was not projected within " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Polls a rebuilding query side's read database until it has applied {@code target} events; the rate is taken
     * from its first applied event to the last (its start-up is reported apart).
     */
    static void awaitRebuilt(Result result, PostgresServer postgres, String readDb, long target, long startedNanos,
                             LongSupplier peakRssMib, Duration timeout) throws Exception {
        long first = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        long previous = 0;
        long previousNanos = System.nanoTime();
        while (true) {
            long applied = appliedCount(postgres, readDb);
            long now = System.nanoTime();
            if (first == 0 && applied > 0) {
                first = now;
            }
            BenchmarkMain.log(String.format(Locale.ROOT, "  rebuild: %,d of %,d applied (%.0f%%), %,.0f events/s now",
                    applied, target, 100.0 * applied / target, (applied - previous) / ((now - previousNanos) / 1e9)));
            previous = applied;
            previousNanos = now;
            if (applied >= target) {
                result.rebuildApplied = applied;
                result.rebuildSeconds = (now - startedNanos) / 1e9;
                result.rebuildFirstToLastSeconds = (now - first) / 1e9;
                result.rebuildPeakRssMib = peakRssMib.getAsLong();
                return;
            }
            if (now > deadline) {
                throw new IllegalStateException("the rebuild did not finish within " + timeout);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The global index the Kafka publisher has passed (0 before its first token). */
    static long publisherIndex(PostgresServer postgres, String eventsDb) throws SQLException {
        try (Connection c = postgres.connect(eventsDb); var statement = c.prepareStatement(
                "SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ?")) {
            statement.setString(1, PUBLISHER);
            try (var rs = statement.executeQuery()) {
                long index = 0;
                while (rs.next()) {
                    String token = rs.getString(1);
                    Matcher m = TOKEN_INDEX.matcher(token == null ? "" : token);
                    if (m.find()) {
                        index = Math.max(index, Long.parseLong(m.group(1)));
                    }
                }
                return index;
            }
        } catch (SQLException e) {
            return 0; // the table appears with the service's first start
        }
    }

    /** Events the read-model processor has applied in {@code readDb} (0 before its schema exists). */
    static long appliedCount(PostgresServer postgres, String readDb) {
        try (Connection c = postgres.connect(readDb); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM projection_applied_event WHERE processor = 'inventory'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }
}
