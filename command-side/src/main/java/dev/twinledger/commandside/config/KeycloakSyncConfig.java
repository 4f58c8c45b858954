package dev.twinledger.commandside.config;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.commandside.keycloaksync.KeycloakAdmin;
import dev.twinledger.commandside.keycloaksync.KeycloakGroupSync;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncHealthIndicator;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncMetrics;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncStore;
import dev.twinledger.commandside.keycloaksync.RestKeycloakAdmin;
import dev.twinledger.commandside.keycloaksync.SyncSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

import java.time.Clock;

/**
 * The Keycloak group sync (ADR 13). Its tables and report are always there (the report says whether the sync is on);
 * the run, its db-scheduler recurring task, its metrics and health only when
 * {@code twinledger.access.keycloak-sync.enabled} is true.
 */
@Configuration(proxyBeanMethods = false)
public class KeycloakSyncConfig {

    /** The db-scheduler task name; its one execution row lives in {@code scheduled_tasks}. */
    public static final String TASK_NAME = "keycloak-group-sync";

    @Bean
    KeycloakSyncStore keycloakSyncStore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        return new KeycloakSyncStore(jdbc, transactionManager);
    }

    @Bean
    SyncSettings keycloakSyncSettings(KeycloakSyncProperties sync) {
        return new SyncSettings(sync.enabled(), sync.parentGroup(), sync.interval());
    }

    /** The parts that talk to Keycloak; absent unless the sync is enabled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "twinledger.access.keycloak-sync", name = "enabled", havingValue = "true")
    static class Enabled {

        @Bean
        KeycloakAdmin keycloakAdmin(KeycloakSyncProperties sync, RestClient.Builder restClients) {
            return new RestKeycloakAdmin(restClients, sync.serverUrl(), sync.realm(), sync.clientId(),
                    sync.clientSecret(), sync.requestTimeout(), Clock.systemUTC());
        }

        @Bean
        KeycloakSyncMetrics keycloakSyncMetrics(MeterRegistry registry, KeycloakSyncStore store) {
            return new KeycloakSyncMetrics(registry, store);
        }

        @Bean
        KeycloakGroupSync keycloakGroupSync(AccessLookup directory, KeycloakAdmin keycloak, KeycloakSyncStore store,
                                            KeycloakSyncMetrics metrics, KeycloakSyncProperties sync) {
            return new KeycloakGroupSync(directory, keycloak, store, metrics, sync.parentGroup(), Clock.systemUTC());
        }

        /**
         * A recurring db-scheduler task: its one execution row is picked by one instance at a time, so with two
         * command sides on one database each run happens once. Fixed delay, so runs never overlap.
         */
        @Bean
        RecurringTask<Void> keycloakGroupSyncTask(KeycloakGroupSync sync, KeycloakSyncProperties properties) {
            return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(properties.interval()))
                    .execute((instance, context) -> sync.runOnce());
        }

        @Bean
        HealthIndicator keycloakSyncHealthIndicator(KeycloakSyncStore store) {
            return new KeycloakSyncHealthIndicator(store);
        }
    }
}
