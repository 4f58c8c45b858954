package dev.twinledger.api.inventory;

/**
 * Find hosts. Every filter is optional ({@code null} means any).
 *
 * @param siteId only hosts at this site
 * @param state  only hosts in this state
 * @param page   zero-based page number, at least 0
 * @param size   page size, 1 to 500
 */
public record FindHosts(String siteId, HostState state, int page, int size) {
}
