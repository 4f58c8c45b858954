package dev.twinledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Load through the real HTTP API: closed-loop command throughput and open-loop projection lag. */
final class HttpLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The provisioned VMs are spread over this many projects, {@code p0} to {@code p49}; each must be registered. */
    static final int PROJECTS = 50;

    private final String commandApi;
    private final String queryApi;
    private final List<String> hosts;
    private final HttpClient client;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-http");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong sequence = new AtomicLong();

    HttpLoad(String commandApi, String queryApi, List<String> hosts) {
        this.commandApi = commandApi;
        this.queryApi = queryApi;
        this.hosts = hosts;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    record Result(int clients, double seconds, int ok, int errors, Stats latency, String firstError) {
        double perSecond() {
            return ok / seconds;
        }
    }

    record LagResult(double targetRate, double achievedRate, int acked, int visible, int errors, Stats ackLatency,
                     Stats lag, String firstError) {
    }

    HttpRequest provision(String token) {
        long n = sequence.incrementAndGet();
        String host = hosts.get((int) (n % hosts.size()));
        String body = "{\"name\":\"bench-vm-" + n + "\",\"siteId\":\"dc1\",\"hostId\":\"" + host
                + "\",\"project\":\"" + project((int) (n % PROJECTS))
                + "\",\"environment\":\"PROD\",\"vcpus\":2,\"memoryMib\":4096}";
        return HttpRequest.newBuilder(URI.create(commandApi + "/api/vms"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("X-Reason", "benchmark")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The id of project number {@code i} (0 to {@link #PROJECTS} - 1). */
    static String project(int i) {
        return "p" + i;
    }

    /** Sends admin commands (sites, hosts, projects); fails on anything but 2xx. */
    void post(String token, String path, String body) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(commandApi + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** {@code clients} threads, each sending the next command when the last is acknowledged. */
    Result closedLoop(String token, int clients, Duration warmUp, Duration measure) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        Stats latency = new Stats();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                Stats mine = new Stats();
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        break;
                    }
                    int status;
                    String body;
                    try {
                        HttpResponse<String> response = client.send(provision(token),
                                HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        body = response.body();
                    } catch (Exception e) {
                        status = -1;
                        body = e.toString();
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= end) {
                        if (status == 201) {
                            ok.incrementAndGet();
                            mine.add(done - sent);
                        } else {
                            errors.incrementAndGet();
                            if (firstErrors.isEmpty()) {
                                firstErrors.add(status + " " + body);
                            }
                        }
                    }
                }
                latency.addAll(mine);
            }, "bench-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(clients, measure.toNanos() / 1e9, ok.get(), errors.get(), latency, firstErrors.peek());
    }

    /**
     * Open loop: commands are sent on a fixed schedule of {@code rate} per second, whatever the answers do (at
     * most {@code maxInFlight} outstanding). For each acknowledged command, {@code GET /api/vms/{id}?minPosition}
     * on the query side is sent at once (and repeated on 503/404) until it answers 200; the lag is the time from
     * the acknowledgement to that 200.
     */
    LagResult openLoop(String token, double rate, Duration warmUp, Duration measure, int maxInFlight)
            throws InterruptedException {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        Stats ackLatency = new Stats();
        Stats lag = new Stats();
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger visible = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (long i = 0; ; i++) {
            long due = start + i * interval;
            if (due >= end) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // Stop at the end of the step even when the service falls behind: the rate reached is what it is.
            if (!inFlight.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            long sent = System.nanoTime();
            boolean measured = due >= measureFrom;
            CompletableFuture<Void> one = client.sendAsync(provision(token), HttpResponse.BodyHandlers.ofString())
                    .thenCompose(response -> {
                        long ackAt = System.nanoTime();
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("command answered " + response.statusCode() + " "
                                    + response.body());
                        }
                        JsonNode node = readJson(response.body());
                        if (measured && ackAt <= end) {
                            acked.incrementAndGet();
                            ackLatency.add(ackAt - sent);
                        }
                        return awaitVisible(token, node.get("id").asText(), node.get("position").asLong(), 0)
                                .thenAccept(visibleAt -> {
                                    if (measured) {
                                        visible.incrementAndGet();
                                        lag.add(visibleAt - ackAt);
                                    }
                                });
                    })
                    .exceptionally(failure -> {
                        if (measured) {
                            errors.incrementAndGet();
                            if (firstErrors.isEmpty()) {
                                firstErrors.add(String.valueOf(failure));
                            }
                        }
                        return null;
                    })
                    .whenComplete((ignored, failure) -> inFlight.release());
            pending.add(one);
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            firstErrors.add("not all commands finished within 60 s after the step: " + e);
        }
        double seconds = measure.toNanos() / 1e9;
        return new LagResult(rate, acked.get() / seconds, acked.get(), visible.get(), errors.get(), ackLatency, lag,
                firstErrors.peek());
    }

    private CompletableFuture<Long> awaitVisible(String token, String id, long position, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(queryApi + "/api/vms/" + id + "?minPosition=" + position))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            long at = System.nanoTime();
            if (response.statusCode() == 200) {
                return CompletableFuture.completedFuture(at);
            }
            if ((response.statusCode() == 503 || response.statusCode() == 404) && attempt < 200) {
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS, executor))
                        .thenCompose(ignored -> awaitVisible(token, id, position, attempt + 1));
            }
            throw new IllegalStateException("query answered " + response.statusCode() + " for " + id);
        });
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable answer " + body, e);
        }
    }

    void close() {
        executor.shutdownNow();
    }
}
