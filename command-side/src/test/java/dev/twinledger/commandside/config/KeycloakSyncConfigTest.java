package dev.twinledger.commandside.config;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.commandside.keycloaksync.KeycloakGroupSync;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncStore;
import dev.twinledger.policies.history.AccessHistory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The sync's wiring: off by default, a db-scheduler recurring task when on, and a refusal to start when misconfigured. */
class KeycloakSyncConfigTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KeycloakSyncProperties.class)
    static class Surroundings {

        @Bean
        JdbcTemplate jdbcTemplate() {
            return mock(JdbcTemplate.class);
        }

        @Bean
        PlatformTransactionManager transactionManager() {
            return mock(PlatformTransactionManager.class);
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        RestClient.Builder restClientBuilder() {
            return RestClient.builder();
        }

        @Bean
        AccessLookup accessLookup() {
            return AccessHistory::empty;
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Surroundings.class, KeycloakSyncConfig.class);

    @Test
    void offByDefaultOnlyTheReportsStoreExists() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KeycloakSyncStore.class)
                    .doesNotHaveBean(KeycloakGroupSync.class).doesNotHaveBean(RecurringTask.class)
                    .doesNotHaveBean("keycloakSyncHealthIndicator");
            KeycloakSyncProperties properties = context.getBean(KeycloakSyncProperties.class);
            assertThat(properties.enabled()).isFalse();
            assertThat(properties.parentGroup()).isEqualTo("twinledger");
            assertThat(properties.clientId()).isEqualTo("twinledger-directory-sync");
            assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void whenEnabledARecurringTaskRunsTheSyncAtTheConfiguredInterval() {
        runner.withPropertyValues("twinledger.access.keycloak-sync.enabled=true",
                        "twinledger.access.keycloak-sync.client-secret=s3cret",
                        "twinledger.access.keycloak-sync.interval=45s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KeycloakGroupSync.class)
                            .hasBean("keycloakSyncHealthIndicator");
                    assertThat(context.getBean("keycloakSyncHealthIndicator")).isInstanceOf(HealthIndicator.class);
                    RecurringTask<?> task = context.getBean(RecurringTask.class);
                    assertThat(task.getName()).isEqualTo(KeycloakSyncConfig.TASK_NAME);
                    assertThat(task.toString()).contains(FixedDelay.of(Duration.ofSeconds(45)).toString());
                });
    }

    @Test
    void enabledWithoutASecretTheServiceRefusesToStart() {
        runner.withPropertyValues("twinledger.access.keycloak-sync.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("clientSecretSet")
                        .hasMessageContaining("must be set when twinledger.access.keycloak-sync.enabled is true"));
    }

    @Test
    void aServerUrlThatIsNotHttpOrAnIntervalUnderASecondIsRefused() {
        runner.withPropertyValues("twinledger.access.keycloak-sync.server-url=ldap://kc.example:389")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be an absolute http or https URL"));
        runner.withPropertyValues("twinledger.access.keycloak-sync.interval=500ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be at least 1s"));
    }

    @Test
    void theSecretNeverAppearsInThePropertiesText() {
        runner.withPropertyValues("twinledger.access.keycloak-sync.client-secret=s3cret")
                .run(context -> assertThat(context.getBean(KeycloakSyncProperties.class).toString())
                        .doesNotContain("s3cret").contains("clientSecret=***"));
    }
}
