package dev.twinledger.api.access;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a grant reached its end time; sent by the service's deadline, never over the API. A grant stops
 * giving anything at {@code validUntil} whether or not this has run: the event is the record, not the switch.
 */
public record ExpireGrant(String grantId) {

    @TargetAggregateIdentifier
    public String directoryId() {
        return AccessDirectory.ID;
    }
}
