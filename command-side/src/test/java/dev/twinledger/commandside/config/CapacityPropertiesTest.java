package dev.twinledger.commandside.config;

import dev.twinledger.commandside.inventory.CapacityThresholds;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The capacity thresholds as the service binds them: defaults, overrides, and a refusal to start when wrong. */
class CapacityPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CapacityProperties.class)
    static class Binding {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Binding.class);

    @Test
    void theDefaultsAreEightyAndNinetyPercent() {
        runner.run(context -> assertThat(context.getBean(CapacityProperties.class).thresholds())
                .isEqualTo(new CapacityThresholds(80, 90)));
    }

    @Test
    void thresholdsAreConfigurable() {
        runner.withPropertyValues("twinledger.capacity.warning-percent=70", "twinledger.capacity.critical-percent=95.5")
                .run(context -> assertThat(context.getBean(CapacityProperties.class).thresholds())
                        .isEqualTo(new CapacityThresholds(70, 95.5)));
    }

    @Test
    void theServiceRefusesToStartWithThresholdsOutOfOrderOrRange() {
        for (String[] wrong : new String[][] {{"90", "80"}, {"80", "80"}, {"0", "90"}, {"80", "101"}, {"-5", "50"}}) {
            runner.withPropertyValues("twinledger.capacity.warning-percent=" + wrong[0],
                            "twinledger.capacity.critical-percent=" + wrong[1])
                    .run(context -> assertThat(context).hasFailed().getFailure()
                            .rootCause().hasMessageContaining("0 < warning-percent < critical-percent <= 100"));
        }
    }
}
