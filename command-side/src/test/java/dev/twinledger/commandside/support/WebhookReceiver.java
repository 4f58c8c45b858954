package dev.twinledger.commandside.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver written the way a subscriber would write one, on the JDK's HTTP server: it checks each request's
 * signature itself (HMAC-SHA256 of {@code <timestamp>.<body>}), and answers each path by its own rule. Everything it
 * was sent is kept for the test to inspect.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, with what the receiver answered. */
    public record Request(String path, String deliveryId, String event, String timestamp, String signature,
                          String body, boolean signatureValid, int answered) {
    }

    /** How a path answers the n-th request (from 1) of one delivery id. */
    @FunctionalInterface
    public interface Answer {
        int status(int requestOfDelivery);
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> perDelivery = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on a free port of 127.0.0.1 with no path yet. */
    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        return new WebhookReceiver(server);
    }

    /** Serves {@code path}, verifying signatures with {@code secret}, answering by {@code answer}. */
    public WebhookReceiver route(String path, String secret, Answer answer) {
        server.createContext(path, exchange -> handle(exchange, path, secret, answer));
        return this;
    }

    /** The URL of {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests to {@code path} that were answered 2xx. */
    public List<Request> accepted(String path) {
        return requests.stream().filter(r -> r.path().equals(path) && r.answered() / 100 == 2).toList();
    }

    /** The requests to {@code path}. */
    public List<Request> received(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange, String path, String secret, Answer answer) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String deliveryId = exchange.getRequestHeaders().getFirst("X-Twinledger-Delivery");
            String timestamp = exchange.getRequestHeaders().getFirst("X-Twinledger-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Twinledger-Signature");
            int nth = perDelivery.computeIfAbsent(path + " " + deliveryId, key -> new AtomicInteger()).incrementAndGet();
            int status = answer.status(nth);
            requests.add(new Request(path, deliveryId, exchange.getRequestHeaders().getFirst("X-Twinledger-Event"),
                    timestamp, signature, body, verify(secret, timestamp, body, signature), status));
            if (status == 204) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] reply = (status / 100 == 2 ? "ok" : "receiver says no (" + status + ")")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private static boolean verify(String secret, String timestamp, String body, String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            String expectedHeader = "sha256=" + HexFormat.of().formatHex(expected);
            return java.security.MessageDigest.isEqual(expectedHeader.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
