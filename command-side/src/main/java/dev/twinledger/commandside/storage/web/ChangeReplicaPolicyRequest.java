package dev.twinledger.commandside.storage.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * Body of {@code PUT /api/containers/{id}/replica-policy}.
 *
 * @param replicaSiteIds the complete new set of sites that must hold a replica; at least one, each an existing site
 */
public record ChangeReplicaPolicyRequest(
        @ArraySchema(schema = @Schema(example = "dc1")) @NotEmpty
        List<@NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String> replicaSiteIds) {
}
