package dev.twinledger.commandside.domain;

/** The resource is in a state that does not allow the command, e.g. an already decommissioned VM (answered 409). */
public final class StateConflict extends CommandRefused {

    public StateConflict(String message) {
        super(message);
    }
}
