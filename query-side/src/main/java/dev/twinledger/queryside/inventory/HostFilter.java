package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.HostState;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.queryside.web.SortOrder;

/**
 * What {@code GET /api/hosts} asks for. Every filter is optional ({@code null} means any); they combine with AND.
 *
 * @param siteId    only hosts at this site
 * @param platform  only hosts at a site of this platform
 * @param state     only hosts in this state
 * @param temporary only temporary ({@code true}) or only permanent ({@code false}) hosts
 * @param sort      the order; ties broken by id
 * @param page      zero-based page number, at least 0
 * @param size      page size, 1 to 500
 */
public record HostFilter(String siteId, Platform platform, HostState state, Boolean temporary, SortOrder sort,
                         int page, int size) {

    /** Normalises: no sort is by id. */
    public HostFilter {
        sort = sort == null ? SortOrder.BY_ID : sort;
    }
}
