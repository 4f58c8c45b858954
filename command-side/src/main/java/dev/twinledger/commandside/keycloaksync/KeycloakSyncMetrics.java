package dev.twinledger.commandside.keycloaksync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * The sync's meters: the gauge {@code twinledger.keycloak.sync.drift} per {@code kind} (the shared drift table,
 * read when scraped, so every instance shows the same), the counter {@code twinledger.keycloak.sync.runs} per
 * {@code outcome} ({@code success}, {@code failure}) and {@code twinledger.keycloak.sync.changes} per {@code change}
 * ({@code group-created}, {@code member-added}, {@code member-removed}) for the runs of this instance.
 */
public final class KeycloakSyncMetrics {

    public static final String DRIFT = "twinledger.keycloak.sync.drift";
    public static final String RUNS = "twinledger.keycloak.sync.runs";
    public static final String CHANGES = "twinledger.keycloak.sync.changes";

    private final MeterRegistry registry;

    public KeycloakSyncMetrics(MeterRegistry registry, KeycloakSyncStore store) {
        this.registry = registry;
        for (DriftKind kind : DriftKind.values()) {
            Gauge.builder(DRIFT, store, s -> countOrNaN(s, kind))
                    .description("Drift items between the access directory and Keycloak, left alone until resolved")
                    .tag("kind", tag(kind.name()))
                    .register(registry);
        }
    }

    void ran(SyncRun run) {
        Counter.builder(RUNS).description("Keycloak group sync runs").tag("outcome",
                run.succeeded() ? "success" : "failure").register(registry).increment();
        change("group-created", run.groupsCreated());
        change("member-added", run.membersAdded());
        change("member-removed", run.membersRemoved());
    }

    private void change(String change, int count) {
        Counter.builder(CHANGES).description("Changes the Keycloak group sync made in Keycloak")
                .tag("change", change).register(registry).increment(count);
    }

    private static double countOrNaN(KeycloakSyncStore store, DriftKind kind) {
        try {
            return store.driftCounts().get(kind);
        } catch (RuntimeException e) {
            // The database health says why; a gauge without a value is what Prometheus expects meanwhile.
            return Double.NaN;
        }
    }

    private static String tag(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
