package dev.twinledger.queryside.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Query behaviour ({@code twinledger.query.*}).
 *
 * @param minPositionTimeout how long a request with {@code minPosition} may wait for the read model before it is
 *                           answered 503; more than 0 and at most 30 s; default 5 s
 */
@ConfigurationProperties("twinledger.query")
public record QueryProperties(Duration minPositionTimeout) {

    /** The longest allowed wait: a request thread is held while waiting, and clients and proxies time out. */
    public static final Duration MAX_MIN_POSITION_TIMEOUT = Duration.ofSeconds(30);

    /** Applies the default and refuses values outside (0, 30 s], so a bad setting stops startup. */
    public QueryProperties {
        if (minPositionTimeout == null) {
            minPositionTimeout = Duration.ofSeconds(5);
        }
        if (minPositionTimeout.isZero() || minPositionTimeout.isNegative()
                || minPositionTimeout.compareTo(MAX_MIN_POSITION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("twinledger.query.min-position-timeout must be more than 0 and at most "
                    + MAX_MIN_POSITION_TIMEOUT.toSeconds() + "s, was " + minPositionTimeout);
        }
    }
}
