package dev.twinledger.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency of one query over HTTP from a single client, and at the server from the {@code Server-Timing: app;dur=<ms>}
 * response header when the service sends it. Each request's answer is checked; a wrong answer or status counts as an
 * error (and is not timed).
 */
final class QueryLatency {

    private static final Pattern APP_DURATION = Pattern.compile("app;dur=([0-9.]+)");

    /**
     * @param name       what was asked
     * @param http       latency over HTTP
     * @param server     latency at the server; empty when no response carried Server-Timing
     * @param errors     requests with a wrong answer or status
     * @param firstError the first of them, or null
     */
    record Result(String name, Stats http, Stats server, long errors, String firstError) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    QueryLatency(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Sends {@code warmUp} untimed then {@code requests} timed GETs of {@code path.apply(i)}, one at a time, as
     * {@code token}'s bearer; {@code expected} judges each answer's status and body.
     */
    Result measure(String name, String token, int warmUp, int requests, IntFunction<String> path,
                   Predicate<HttpResponse<String>> expected) throws InterruptedException {
        Stats http = new Stats();
        Stats server = new Stats();
        long errors = 0;
        String firstError = null;
        for (int i = 0; i < warmUp + requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path.apply(i)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long elapsed = System.nanoTime() - started;
                if (!expected.test(response)) {
                    errors++;
                    if (firstError == null) {
                        firstError = response.statusCode() + " " + request.uri() + ": " + abbreviate(response.body());
                    }
                    continue;
                }
                if (i >= warmUp) {
                    http.add(elapsed);
                    response.headers().firstValue("Server-Timing").map(APP_DURATION::matcher)
                            .filter(Matcher::find)
                            .ifPresent(m -> server.add((long) (Double.parseDouble(m.group(1)) * 1e6)));
                }
            } catch (java.io.IOException e) {
                errors++;
                if (firstError == null) {
                    firstError = e.toString();
                }
            }
        }
        return new Result(name, http, server, errors, firstError);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
