package dev.twinledger.queryside.inventory;

import dev.twinledger.api.inventory.Environment;
import dev.twinledger.api.inventory.Platform;
import dev.twinledger.api.inventory.VmState;
import dev.twinledger.queryside.web.SortOrder;

import java.util.Map;

/**
 * What {@code GET /api/vms} asks for. Every filter is optional ({@code null} or empty means any); they combine with
 * AND. The query side's own record: {@code api}'s {@code FindVms} has no platform, tags or sort.
 *
 * @param siteId      only VMs at this site
 * @param platform    only VMs at a site of this platform
 * @param project     only VMs of this project
 * @param environment only VMs in this environment
 * @param state       only VMs in this state
 * @param hostId      only VMs on this host
 * @param tags        only VMs carrying every one of these tags (key and value equal)
 * @param sort        the order; ties broken by id
 * @param page        zero-based page number, at least 0
 * @param size        page size, 1 to 500
 */
public record VmFilter(String siteId, Platform platform, String project, Environment environment, VmState state,
                       String hostId, Map<String, String> tags, SortOrder sort, int page, int size) {

    /** Normalises: no tags is an empty map, no sort is by id. */
    public VmFilter {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        sort = sort == null ? SortOrder.BY_ID : sort;
    }
}
