package dev.twinledger.commandside.config;

import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.commandside.alerting.SupportLevel;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert settings as a person writes them: defaults, a full configuration, and each mistake named at start-up. */
class AlertsPropertiesTest {

    private static final String SECRET = "s3cret-that-is-long-enough-for-hmac!";
    private static final String SHORT_SECRET = "too-short-a-secret";

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Binding.class);

    @Test
    void everyDefaultIsUsable() {
        context.run(started -> {
            AlertsProperties alerts = started.getBean(AlertsProperties.class);
            assertThat(alerts.defaultLevel()).isEqualTo(SupportLevel.L1);
            assertThat(alerts.routes()).isEmpty();
            assertThat(alerts.subscribers()).isEmpty();
            assertThat(alerts.topic().enabled()).isTrue();
            assertThat(alerts.topic().name()).isEqualTo("twinledger.alerts");
            assertThat(alerts.delivery().maxAttempts()).isEqualTo(8);
            assertThat(alerts.delivery().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
            assertThat(alerts.delivery().maxBackoff()).isEqualTo(Duration.ofMinutes(5));
            assertThat(alerts.delivery().multiplier()).isEqualTo(2.0);
        });
    }

    @Test
    void routesAndSubscribersBindInOrder() {
        context.withPropertyValues(
                        "twinledger.alerts.default-level=L2",
                        "twinledger.alerts.routes[0].severity=CRITICAL",
                        "twinledger.alerts.routes[0].site-id=dc1",
                        "twinledger.alerts.routes[0].level=L3",
                        "twinledger.alerts.routes[1].severity=WARNING",
                        "twinledger.alerts.routes[1].level=L1",
                        "twinledger.alerts.subscribers[0].name=noc",
                        "twinledger.alerts.subscribers[0].levels=L1,L2",
                        "twinledger.alerts.subscribers[0].url=https://noc.example/hooks/twinledger",
                        "twinledger.alerts.subscribers[0].secret=" + SECRET)
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    AlertsProperties alerts = started.getBean(AlertsProperties.class);
                    assertThat(alerts.defaultLevel()).isEqualTo(SupportLevel.L2);
                    assertThat(alerts.routes()).containsExactly(
                            new AlertsProperties.Route(AlertSeverity.CRITICAL, "dc1", SupportLevel.L3),
                            new AlertsProperties.Route(AlertSeverity.WARNING, null, SupportLevel.L1));
                    assertThat(alerts.subscribers().get(0).levels())
                            .isEqualTo(Set.of(SupportLevel.L1, SupportLevel.L2));
                    assertThat(alerts.subscribers().get(0).toString()).doesNotContain(SECRET);
                });
    }

    @Test
    void aShortSecretStopsTheStartNamingThePropertyButNotTheSecret() {
        context.withPropertyValues(subscriber("noc", "https://noc.example/hook", SHORT_SECRET))
                .run(started -> {
                    assertThat(started).hasFailed();
                    String message = messages(started.getStartupFailure());
                    assertThat(message).contains("twinledger.alerts.subscribers[0]")
                            .contains("secret must be at least 32 bytes")
                            .doesNotContain(SHORT_SECRET);
                });
    }

    @Test
    void aMissingSecretStopsTheStart() {
        context.withPropertyValues("twinledger.alerts.subscribers[0].name=noc",
                        "twinledger.alerts.subscribers[0].levels=L1",
                        "twinledger.alerts.subscribers[0].url=https://noc.example/hook")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("twinledger.alerts.subscribers[0].secret"));
    }

    @Test
    void aUrlThatIsNotHttpStopsTheStart() {
        context.withPropertyValues(subscriber("noc", "ftp://noc.example/hook", SECRET))
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("twinledger.alerts.subscribers[0]")
                        .contains("url must be an absolute http or https URL"));
        context.withPropertyValues(subscriber("noc", "/relative/hook", SECRET))
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("url must be an absolute http or https URL"));
    }

    @Test
    void twoSubscribersWithOneNameStopTheStart() {
        context.withPropertyValues(subscriber("noc", "https://a.example/hook", SECRET))
                .withPropertyValues("twinledger.alerts.subscribers[1].name=noc",
                        "twinledger.alerts.subscribers[1].levels=L2",
                        "twinledger.alerts.subscribers[1].url=https://b.example/hook",
                        "twinledger.alerts.subscribers[1].secret=" + SECRET)
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("subscriber names must be unique"));
    }

    @Test
    void aSubscriberWithoutLevelsOrARouteWithoutALevelStopsTheStart() {
        context.withPropertyValues("twinledger.alerts.subscribers[0].name=noc",
                        "twinledger.alerts.subscribers[0].url=https://noc.example/hook",
                        "twinledger.alerts.subscribers[0].secret=" + SECRET)
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("twinledger.alerts.subscribers[0].levels"));
        context.withPropertyValues("twinledger.alerts.routes[0].severity=CRITICAL")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("twinledger.alerts.routes[0].level"));
    }

    @Test
    void anUnknownLevelStopsTheStart() {
        context.withPropertyValues("twinledger.alerts.default-level=L4")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("twinledger.alerts.default-level"));
    }

    @Test
    void backoffLimitsMustBeConsistent() {
        context.withPropertyValues("twinledger.alerts.delivery.initial-backoff=10m",
                        "twinledger.alerts.delivery.max-backoff=1m")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("max-backoff must not be shorter than initial-backoff"));
        context.withPropertyValues("twinledger.alerts.delivery.max-attempts=0")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("delivery.maxAttempts"));
        context.withPropertyValues("twinledger.alerts.delivery.multiplier=0.5")
                .run(started -> assertThat(messages(started.getStartupFailure()))
                        .contains("delivery.multiplier"));
    }

    private static String[] subscriber(String name, String url, String secret) {
        return new String[] {"twinledger.alerts.subscribers[0].name=" + name,
                "twinledger.alerts.subscribers[0].levels=L1",
                "twinledger.alerts.subscribers[0].url=" + url,
                "twinledger.alerts.subscribers[0].secret=" + secret};
    }

    /** Every message down the cause chain, as the start-up failure report shows them. */
    private static String messages(Throwable failure) {
        assertThat(failure).as("start-up failure").isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
            if (cause instanceof org.springframework.boot.context.properties.bind.validation.BindValidationException
                    invalid) {
                invalid.getValidationErrors().forEach(error -> all.append(error).append('\n'));
            }
        }
        return all.toString();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlertsProperties.class)
    static class Binding {
    }
}
