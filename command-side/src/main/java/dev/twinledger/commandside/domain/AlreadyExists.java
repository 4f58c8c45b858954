package dev.twinledger.commandside.domain;

/** The id the command wants to create is taken (answered 409). */
public final class AlreadyExists extends CommandRefused {

    public AlreadyExists(String message) {
        super(message);
    }
}
