package dev.twinledger.queryside.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryPropertiesTest {

    @Test
    void defaultsToFiveSeconds() {
        assertThat(new QueryProperties(null).minPositionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void acceptsUpToThirtySeconds() {
        assertThat(new QueryProperties(Duration.ofSeconds(30)).minPositionTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesMoreThanThirtySecondsOrNothing() {
        assertThatThrownBy(() -> new QueryProperties(Duration.ofSeconds(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-position-timeout");
        assertThatThrownBy(() -> new QueryProperties(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueryProperties(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
