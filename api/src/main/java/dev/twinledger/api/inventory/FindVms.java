package dev.twinledger.api.inventory;

/**
 * Find virtual machines. Every filter is optional ({@code null} means any).
 *
 * @param siteId      only VMs at this site
 * @param project     only VMs of this project
 * @param environment only VMs in this environment
 * @param state       only VMs in this state
 * @param hostId      only VMs on this host
 * @param page        zero-based page number, at least 0
 * @param size        page size, 1 to 500
 */
public record FindVms(String siteId, String project, Environment environment, VmState state, String hostId,
                      int page, int size) {
}
