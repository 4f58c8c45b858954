package dev.twinledger.queryside.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in for Keycloak's token side: signs RS256 tokens shaped like Keycloak's (issuer, audience, realm roles in
 * {@code realm_access.roles}) and serves the public key at Keycloak's JWK-set path, so that a service started with
 * {@code twinledger.security.issuer-uri=}{@link #issuerUri()} validates them through its real decoder.
 */
public final class TestIssuer implements AutoCloseable {

    private final RSAKey key;
    private final HttpServer server;
    private final String issuerUri;

    private TestIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
        this.issuerUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
    }

    /** Generates a key and starts serving its JWK set on a free local port. */
    public static TestIssuer start() throws IOException, JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/realms/test/protocol/openid-connect/certs", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
        return new TestIssuer(key, server);
    }

    /** The issuer to configure the service with. */
    public String issuerUri() {
        return issuerUri;
    }

    /** An access token for audience {@code twinledger-api} with the given realm roles, valid for five minutes. */
    public String token(String... realmRoles) {
        return tokenFor("test-user", realmRoles);
    }

    /** {@link #token} for the user {@code username} ({@code preferred_username}). */
    public String tokenFor(String username, String... realmRoles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuerUri)
                .subject("user-" + username + "-" + String.join("-", realmRoles))
                .audience(List.of("twinledger-api"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", List.of(realmRoles)))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
