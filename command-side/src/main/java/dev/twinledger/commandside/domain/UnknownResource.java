package dev.twinledger.commandside.domain;

/** The resource the command is addressed to does not exist (answered 404). */
public final class UnknownResource extends CommandRefused {

    public UnknownResource(String message) {
        super(message);
    }
}
