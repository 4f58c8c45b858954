package dev.twinledger.commandside.alerting;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook subscriber: the levels it takes, where its alerts are posted and the key they are signed with. The secret
 * never leaves this object except as an HMAC key: {@link #toString()} leaves it out, and nothing stores it.
 *
 * @param name   unique among subscribers; recorded on each outbox row
 * @param levels the support levels whose alerts it receives; not empty
 * @param url    an absolute http or https URL
 * @param secret the HMAC-SHA256 key, at least 32 bytes
 */
public record Subscriber(String name, Set<SupportLevel> levels, URI url, byte[] secret) {

    /** Shortest accepted secret: 256 bits, the output size of SHA-256. */
    public static final int MIN_SECRET_BYTES = 32;

    public Subscriber {
        Objects.requireNonNull(name, "name");
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("subscriber " + name + " takes no level");
        }
        levels = Set.copyOf(EnumSet.copyOf(levels));
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("subscriber " + name + ": url must be absolute http or https");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("subscriber " + name + ": secret must be at least "
                    + MIN_SECRET_BYTES + " bytes");
        }
        secret = secret.clone();
    }

    /** A subscriber whose secret is the UTF-8 bytes of {@code secret}. */
    public static Subscriber of(String name, Set<SupportLevel> levels, String url, String secret) {
        return new Subscriber(name, levels, URI.create(url), secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /** Whether alerts routed to {@code level} go to this subscriber. */
    public boolean takes(SupportLevel level) {
        return levels.contains(level);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscriber that && name.equals(that.name) && levels.equals(that.levels)
                && url.equals(that.url) && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, levels, url);
    }

    @Override
    public String toString() {
        // The URL's path or query may carry a receiver's token: name the host only.
        return "Subscriber[name=" + name + ", levels=" + levels + ", host=" + url.getHost() + ", secret=(hidden)]";
    }
}
