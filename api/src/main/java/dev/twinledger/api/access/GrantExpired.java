package dev.twinledger.api.access;

import java.time.Instant;

/** A grant reached its end time {@code expiredAt} (the event itself may be stored a little later). */
public record GrantExpired(String grantId, Instant expiredAt) {
}
