package dev.twinledger.commandside.config;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.capacity.AlertSeverity;
import dev.twinledger.commandside.alerting.SupportLevel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Alert routing and delivery ({@code twinledger.alerts.*}), validated at start-up: a wrong setting stops the service
 * with a message naming the property. Both sites' command sides must carry the same routes and subscribers, since
 * whichever holds the routing processor's claim decides where an alert goes.
 *
 * @param defaultLevel the level of an alert no route matches
 * @param routes       ordered rules; the first one matching an alert's severity and site gives its level
 * @param subscribers  the webhook subscribers
 * @param topic        the Kafka alerts topic
 * @param delivery     retries, backoff, timeouts and the dispatcher's pace
 */
@Validated
@ConfigurationProperties("twinledger.alerts")
public record AlertsProperties(
        @DefaultValue("L1") @NotNull SupportLevel defaultLevel,
        @DefaultValue List<@Valid @NotNull Route> routes,
        @DefaultValue List<@Valid @NotNull Subscriber> subscribers,
        @DefaultValue @Valid @NotNull Topic topic,
        @DefaultValue @Valid @NotNull Delivery delivery) {

    /** Shortest secret, in UTF-8 bytes: 256 bits, the output size of SHA-256. */
    public static final int MIN_SECRET_BYTES = 32;

    /** Subscriber names key the outbox rows and the metrics: two subscribers with one name would be one. */
    @AssertTrue(message = "subscriber names must be unique")
    public boolean isSubscriberNamesUnique() {
        Set<String> names = new HashSet<>();
        return subscribers.stream().filter(s -> s != null && s.name() != null).allMatch(s -> names.add(s.name()));
    }

    /**
     * One routing rule.
     *
     * @param severity matches alerts of this severity; unset matches any
     * @param siteId   matches alerts of hosts at this site; unset matches any
     * @param level    the level a matching alert goes to
     */
    public record Route(AlertSeverity severity, @Pattern(regexp = ResourceIds.REGEX) String siteId,
                        @NotNull SupportLevel level) {
    }

    /**
     * One webhook subscriber. Its secret is never logged: {@link #toString()} hides it, and no constraint on it
     * echoes its value in a start-up failure.
     *
     * @param name   unique; shown on outbox rows and metrics
     * @param levels the support levels it receives
     * @param url    where alerts are posted (http or https)
     * @param secret the HMAC-SHA256 key, at least 32 bytes
     */
    public record Subscriber(@NotBlank @Pattern(regexp = ResourceIds.REGEX) String name,
                             @NotEmpty Set<@NotNull SupportLevel> levels,
                             @NotBlank String url,
                             @NotNull String secret) {

        @AssertTrue(message = "url must be an absolute http or https URL with a host")
        public boolean isUrlHttpOrHttps() {
            if (url == null || url.isBlank()) {
                return true; // @NotBlank reports it
            }
            try {
                URI uri = new URI(url);
                return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }

        @AssertTrue(message = "secret must be at least " + MIN_SECRET_BYTES + " bytes (UTF-8)")
        public boolean isSecretLongEnough() {
            return secret != null && secret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES;
        }

        @Override
        public String toString() {
            return "Subscriber[name=" + name + ", levels=" + levels + ", secret=(hidden)]";
        }
    }

    /**
     * The Kafka alerts topic. It is created when missing with {@code twinledger.kafka.partitions} and
     * {@code .replication-factor}, on the cluster of {@code twinledger.kafka.bootstrap-servers}.
     *
     * @param enabled whether every alert is also published to the topic
     * @param name    the topic
     */
    public record Topic(@DefaultValue("true") boolean enabled,
                        @DefaultValue("twinledger.alerts") @NotBlank
                        @Pattern(regexp = "[A-Za-z0-9._-]{1,249}", message = "must be a Kafka topic name")
                        String name) {
    }

    /**
     * Delivery attempts.
     *
     * @param maxAttempts    attempts per delivery before it is DEAD
     * @param initialBackoff the wait after the first failed attempt
     * @param maxBackoff     the longest wait between attempts
     * @param multiplier     growth of the wait per failed attempt
     * @param jitter         the largest share (0-1) taken off each wait at random
     * @param requestTimeout how long a webhook may take to connect, and then to answer
     * @param pollInterval   how often the dispatcher looks for due deliveries
     * @param batchSize      deliveries claimed at once
     */
    public record Delivery(
            @DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
            @DefaultValue("5m") @NotNull @DurationMax(days = 1) Duration maxBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") @DecimalMax("10.0") double multiplier,
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter,
            @DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration requestTimeout,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 10) Duration pollInterval,
            @DefaultValue("10") @Min(1) @Max(100) int batchSize) {

        @AssertTrue(message = "max-backoff must not be shorter than initial-backoff")
        public boolean isMaxBackoffAtLeastInitial() {
            return initialBackoff == null || maxBackoff == null || maxBackoff.compareTo(initialBackoff) >= 0;
        }
    }
}
