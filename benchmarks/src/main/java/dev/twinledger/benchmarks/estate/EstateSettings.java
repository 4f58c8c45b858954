package dev.twinledger.benchmarks.estate;

import java.time.Duration;

/**
 * The size of a generated estate. The defaults are issue 6's numbers; a development run takes smaller ones
 * ({@code --estate-events=50000 --estate-vms=5000 --estate-grants=5000}).
 *
 * @param events     total events of the history (the churn fills what placements, access and registrations leave)
 * @param vms        VMs provisioned over the period
 * @param hostsPerSite hosts in each of the two sites
 * @param projects   projects {@code p0}..; the first 50 are those the command load provisions into
 * @param principals users {@code u00000}..
 * @param groups     groups {@code g000}..
 * @param grants     grants requested over the period (skewed: a few principals hold many)
 * @param period     how far back the history starts; it ends when the generation starts
 * @param seed       seed of every random choice, printed so a run can be repeated
 */
public record EstateSettings(long events, int vms, int hostsPerSite, int projects, int principals, int groups,
                             int grants, Duration period, long seed) {

    /** The estate: 1,000,000 events, 100,000 VMs, 200 hosts, 10,000 principals, 500 groups, 100,000 grants. */
    public static EstateSettings defaults() {
        return new EstateSettings(1_000_000, 100_000, 100, 50, 10_000, 500, 100_000, Duration.ofDays(90),
                System.nanoTime());
    }

    /** These settings with option {@code --estate-NAME=value} applied; false when the option is not an estate one. */
    public EstateSettings with(String name, String value) {
        return switch (name) {
            case "--estate-events" -> new EstateSettings(Long.parseLong(value), vms, hostsPerSite, projects,
                    principals, groups, grants, period, seed);
            case "--estate-vms" -> new EstateSettings(events, Integer.parseInt(value), hostsPerSite, projects,
                    principals, groups, grants, period, seed);
            case "--estate-hosts-per-site" -> new EstateSettings(events, vms, Integer.parseInt(value), projects,
                    principals, groups, grants, period, seed);
            case "--estate-principals" -> new EstateSettings(events, vms, hostsPerSite, projects,
                    Integer.parseInt(value), groups, grants, period, seed);
            case "--estate-groups" -> new EstateSettings(events, vms, hostsPerSite, projects, principals,
                    Integer.parseInt(value), grants, period, seed);
            case "--estate-grants" -> new EstateSettings(events, vms, hostsPerSite, projects, principals, groups,
                    Integer.parseInt(value), period, seed);
            case "--estate-days" -> new EstateSettings(events, vms, hostsPerSite, projects, principals, groups,
                    grants, Duration.ofDays(Long.parseLong(value)), seed);
            case "--estate-seed" -> new EstateSettings(events, vms, hostsPerSite, projects, principals, groups,
                    grants, period, Long.parseLong(value));
            default -> null;
        };
    }

    /** One line for the report. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%,d events, %,d VMs, %d hosts, %d projects, %,d principals,"
                        + " %d groups, %,d grants over %d days, seed %d", events, vms, 2 * hostsPerSite, projects,
                principals, groups, grants, period.toDays(), seed);
    }
}
