package dev.twinledger.commandside.command;

/**
 * The answer to an accepted command.
 *
 * @param id       the id of the resource the command created or changed
 * @param position the global position of the event the command stored; pass it to the query side as
 *                 {@code minPosition} to read your own write
 */
public record CommandResult(String id, long position) {
}
