package dev.twinledger.commandside.access.web;

/**
 * The answer to a grant request: its id, the position of what the request stored (pass it as {@code minPosition} to
 * the query side), and whether it is in effect ({@code ACTIVE}) or waits for a second person
 * ({@code PENDING_APPROVAL}).
 */
public record GrantResult(String id, long position, String status) {
}
