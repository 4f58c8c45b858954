package dev.twinledger.commandside.keycloaksync;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.Map;
import java.util.Optional;

/**
 * The sync's latest run and drift counts as details. UP while the latest run succeeded, drift or not: drift is a
 * finding for an operator, not an outage. UNKNOWN before the first run and while runs fail (Keycloak unreachable or
 * refusing the credentials): Twinledger takes commands either way, so it never reports DOWN and is not part of
 * readiness.
 */
public final class KeycloakSyncHealthIndicator implements HealthIndicator {

    private final KeycloakSyncStore store;

    public KeycloakSyncHealthIndicator(KeycloakSyncStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            Optional<LastRun> last = store.lastRun();
            Map<DriftKind, Long> drift = store.driftCounts();
            long total = drift.values().stream().mapToLong(Long::longValue).sum();
            if (last.isEmpty()) {
                return Health.unknown().withDetail("lastRun", "none yet").build();
            }
            LastRun run = last.get();
            Health.Builder health = run.succeeded() ? Health.up() : Health.unknown().withDetail("error", run.error());
            health.withDetail("lastRunAt", run.finishedAt().toString()).withDetail("drift", total);
            if (run.lastSuccessAt() != null) {
                health.withDetail("lastSuccessAt", run.lastSuccessAt().toString());
            }
            return health.build();
        } catch (RuntimeException e) {
            return Health.unknown().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                    .build();
        }
    }
}
