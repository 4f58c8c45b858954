package dev.twinledger.benchmarks;

import dev.twinledger.localstack.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine's limit for what an event store does per command: single-row insert transactions through JDBC
 * (autocommit, 600-byte bytea payload, a unique index on a key) into a scratch table of a scratch database.
 */
final class RawPostgres {

    record Result(int threads, double seconds, int inserts, Stats latency) {
        double perSecond() {
            return inserts / seconds;
        }
    }

    private RawPostgres() {
    }

    static void createTable(PostgresServer postgres, String database) throws Exception {
        try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("create table bench_insert (id bigserial primary key, aggregate_key text not null, "
                    + "seq bigint not null, payload bytea not null)");
            statement.execute("create unique index bench_insert_key on bench_insert (aggregate_key, seq)");
        }
    }

    static Result run(PostgresServer postgres, String database, int threads, Duration warmUp, Duration measure)
            throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicInteger inserts = new AtomicInteger();
        Stats latency = new Stats();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                Stats mine = new Stats();
                byte[] payload = new byte[600];
                try (Connection connection = postgres.connect(database);
                     PreparedStatement insert = connection.prepareStatement(
                             "insert into bench_insert (aggregate_key, seq, payload) values (?, ?, ?)")) {
                    connection.setAutoCommit(true);
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            break;
                        }
                        ThreadLocalRandom.current().nextBytes(payload);
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setLong(2, 0);
                        insert.setBytes(3, payload);
                        insert.executeUpdate();
                        long done = System.nanoTime();
                        if (sent >= measureFrom && done <= end) {
                            inserts.incrementAndGet();
                            mine.add(done - sent);
                        }
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
                latency.addAll(mine);
            }, "bench-pg-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new Result(threads, measure.toNanos() / 1e9, inserts.get(), latency);
    }
}
