package dev.twinledger.commandside.campaign.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/campaigns}. Shapes are checked here (400); that the hosts exist, stand at the site, are
 * distinct and that no host is named twice is the campaign's rule (422).
 *
 * @param id                      the new campaign's id; optional, a UUID is generated when absent
 * @param name                    human-readable name
 * @param siteId                  the site whose hosts are upgraded
 * @param hostIds                 the hosts to upgrade, in order
 * @param temporaryHostIds        hosts lent as temporary capacity; optional
 * @param targetVersion           the platform version the hosts are upgraded to
 * @param maxAttempts             attempts per VM move before it is given up; 1 to 10, default 3
 * @param migrationTimeoutSeconds how long one migration may take before the campaign fails it; default 1800
 */
public record CreateCampaignRequest(
        @Schema(example = "upgrade-2021-dc1", description = "Optional; a UUID is generated when absent")
        @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "OpenStack upgrade, dc1, 2021") @NotBlank @Size(max = 200) String name,
        @Schema(example = "dc1") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String siteId,
        @Schema(example = "[\"dc1-hv-01\", \"dc1-hv-02\"]") @NotEmpty @Size(max = MAX_HOSTS)
        List<@NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String> hostIds,
        @Schema(example = "[\"dc1-spare-01\"]") @Size(max = MAX_HOSTS)
        List<@NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String> temporaryHostIds,
        @Schema(example = "2021.2") @NotBlank @Size(max = 100) String targetVersion,
        @Schema(example = "3", defaultValue = "3") @Min(1) @Max(10) Integer maxAttempts,
        @Schema(example = "1800", defaultValue = "1800") @Min(1) @Max(MAX_TIMEOUT_SECONDS) Long migrationTimeoutSeconds) {

    static final int MAX_HOSTS = 1000;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final long DEFAULT_TIMEOUT_SECONDS = 1800;
    /** One week: a migration that may take longer is not being watched. */
    static final long MAX_TIMEOUT_SECONDS = 604_800;
}
