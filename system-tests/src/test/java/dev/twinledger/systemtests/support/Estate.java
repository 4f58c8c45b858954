package dev.twinledger.systemtests.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds a small estate through the command API for one test: a site and a host, and the projects the test asks
 * for, with ids unique to the test, so tests sharing the stack never collide.
 */
public final class Estate {

    public final String siteId;
    public final String hostId;
    private final SystemStack stack;
    private final String unique;

    private Estate(SystemStack stack, String unique, String siteId, String hostId) {
        this.stack = stack;
        this.unique = unique;
        this.siteId = siteId;
        this.hostId = hostId;
    }

    /** Registers a fresh OpenStack site with one host (as platform-admin). */
    public static Estate create(SystemStack stack) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String admin = stack.tokenFor("platform-admin");
        String site = "site-" + unique;
        String host = site + "-h01";
        var siteResponse = stack.commandApi().post("/api/sites", admin,
                Map.of("id", site, "name", "Site " + unique, "platform", "OPENSTACK"));
        assertThat(siteResponse.status()).as("register site: %s", siteResponse.body()).isEqualTo(201);
        // Hosts refuse VMs beyond their memory: 8 TiB holds 2048 VMs of 4 GiB, enough for the largest test
        // (ResilienceIT provisions 1000 into one estate) while staying below the 80 % capacity warning.
        var hostResponse = stack.commandApi().post("/api/hosts", admin,
                Map.of("id", host, "siteId", site, "name", host + ".example", "cpuCores", 64, "memoryMib", 8388608));
        assertThat(hostResponse.status()).as("register host: %s", hostResponse.body()).isEqualTo(201);
        return new Estate(stack, unique, site, host);
    }

    /**
     * Registers a project (as platform-admin) with an id made of {@code label} and this estate's unique part, and
     * returns that id: provisioning needs a registered project, and ids are unique across the whole stack.
     */
    public String project(String label) {
        String id = label + "-" + unique;
        var response = stack.commandApi().post("/api/projects", stack.tokenFor("platform-admin"),
                Map.of("id", id, "name", "Project " + label));
        assertThat(response.status()).as("register project: %s", response.body()).isEqualTo(201);
        return id;
    }

    /** The body of a provisioning request on this estate's host; valid once {@code project} is registered. */
    public Map<String, Object> vm(String name, String project) {
        return vmOn(hostId, name, project);
    }

    /** The body of a provisioning request on {@code host} at this estate's site. */
    public Map<String, Object> vmOn(String host, String name, String project) {
        return Map.of("name", name, "siteId", siteId, "hostId", host, "project", project,
                "environment", "PROD", "vcpus", 2, "memoryMib", 4096);
    }

    /** Registers {@code count} more hosts like the first at this estate's site (as platform-admin); their ids. */
    public List<String> moreHosts(int count) {
        List<String> hosts = new ArrayList<>();
        for (int i = 2; i < count + 2; i++) {
            String host = siteId + "-h0" + i;
            var response = stack.commandApi().post("/api/hosts", stack.tokenFor("platform-admin"), Map.of("id", host,
                    "siteId", siteId, "name", host + ".example", "cpuCores", 64, "memoryMib", 8388608));
            assertThat(response.status()).as("register host: %s", response.body()).isEqualTo(201);
            hosts.add(host);
        }
        return hosts;
    }
}
