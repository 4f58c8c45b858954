package dev.twinledger.localstack;

import dev.twinledger.keycloak.KeycloakServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration contract of the two services, in one place: the {@code --key=value} settings that point a
 * command-side or query-side jar at a database, a Kafka broker and a token issuer. The local run, the system tests
 * and the benchmarks all launch the services with these, so a renamed key breaks all of them at once, not one
 * silently.
 */
public final class ServiceSettings {

    private ServiceSettings() {
    }

    /**
     * The settings for one service.
     *
     * @param serverPort       the API port
     * @param postgres         the server holding {@code database}
     * @param database         the event store (command side) or the read database (query side)
     * @param bootstrapServers Kafka bootstrap servers
     * @param issuerUri        the only token issuer the service accepts
     * @param siteId           the site this instance runs at
     * @return the settings in a stable order; add {@code management.server.port} through the builder
     */
    public static Map<String, String> of(int serverPort, PostgresServer postgres, String database,
                                         String bootstrapServers, String issuerUri, String siteId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(serverPort));
        settings.put("spring.datasource.url", postgres.jdbcUrl(database));
        settings.put("spring.datasource.username", postgres.username());
        settings.put("spring.datasource.password", postgres.password());
        settings.put("twinledger.site-id", siteId);
        settings.put("twinledger.kafka.bootstrap-servers", bootstrapServers);
        settings.put("twinledger.security.issuer-uri", issuerUri);
        // The command side's first admins (the query side has no use for it): see AccessSeed.
        settings.put("twinledger.access.bootstrap-admins", AccessSeed.BOOTSTRAP_ADMINS);
        // The command side pushes group membership to this Keycloak through the realm's directory-sync client.
        settings.put("twinledger.access.keycloak-sync.enabled", "true");
        settings.put("twinledger.access.keycloak-sync.server-url",
                issuerUri.substring(0, issuerUri.indexOf("/realms/")));
        settings.put("twinledger.access.keycloak-sync.realm", KeycloakServer.REALM);
        settings.put("twinledger.access.keycloak-sync.client-id", KeycloakServer.DIRECTORY_SYNC_CLIENT_ID);
        settings.put("twinledger.access.keycloak-sync.client-secret", KeycloakServer.DIRECTORY_SYNC_CLIENT_SECRET);
        return settings;
    }
}
