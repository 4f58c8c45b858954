package dev.twinledger.systemtests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An alert subscriber as a customer would run one: an HTTP endpoint that checks each webhook's HMAC signature and
 * keeps what it accepted. It answers 500 to the first {@code failuresPerDelivery} attempts of every delivery (by the
 * delivery id header), so every accepted alert has survived the sender's retries.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final byte[] secret;
    private final int failuresPerDelivery;
    private final Map<String, AtomicInteger> attemptsByDelivery = new ConcurrentHashMap<>();
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();

    /** One accepted webhook: the delivery id, the attempt that got through, and the JSON body. */
    public record Accepted(String deliveryId, int attempt, JsonNode body) {
    }

    private WebhookReceiver(String secret, int failuresPerDelivery) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.failuresPerDelivery = failuresPerDelivery;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/alerts", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Starts a receiver on a free port of 127.0.0.1. */
    public static WebhookReceiver start(String secret, int failuresPerDelivery) {
        try {
            return new WebhookReceiver(secret, failuresPerDelivery);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to configure as the subscriber's webhook. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    /** What was accepted so far, in arrival order. */
    public synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Requests refused for a bad or missing signature. */
    public synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String deliveryId = exchange.getRequestHeaders().getFirst("X-Twinledger-Delivery");
            String timestamp = exchange.getRequestHeaders().getFirst("X-Twinledger-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Twinledger-Signature");
            if (deliveryId == null || timestamp == null || signature == null || !validSignature(timestamp, body,
                    signature)) {
                synchronized (this) {
                    rejected.add(deliveryId + ": bad signature " + signature);
                }
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            int attempt = attemptsByDelivery.computeIfAbsent(deliveryId, id -> new AtomicInteger()).incrementAndGet();
            if (attempt <= failuresPerDelivery) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            synchronized (this) {
                accepted.add(new Accepted(deliveryId, attempt, JSON.readTree(body)));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** The documented scheme: {@code sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))}. */
    private boolean validSignature(String timestamp, byte[] body, String signature) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
