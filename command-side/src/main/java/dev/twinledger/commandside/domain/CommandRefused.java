package dev.twinledger.commandside.domain;

/**
 * A command was refused on purpose: the request is well-formed, but the current state or a business rule does not
 * allow it. Nothing was stored. The message is meant for the caller and names the resource involved.
 */
public abstract sealed class CommandRefused extends RuntimeException
        permits UnknownResource, RuleViolation, AlreadyExists, StateConflict, AccessRefused {

    protected CommandRefused(String message) {
        super(message);
    }
}
