package dev.twinledger.commandside.storage.web;

import dev.twinledger.api.ResourceIds;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /api/containers}.
 *
 * @param id             the new container's Twinledger id; optional, a UUID is generated when absent
 * @param name           the container's name on Swift: not blank, no '/', at most 256 bytes of UTF-8
 * @param project        the owning project; must be registered
 * @param replicaSiteIds the sites that must hold a replica; at least one, each an existing site (repeats count once)
 */
public record CreateContainerRequest(
        @Schema(example = "ctr-eproc-tender-docs", description = "Optional; a UUID is generated when absent")
        @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
        @Schema(example = "tender-documents") @NotBlank @Size(max = 256)
        @Pattern(regexp = "[^/]*", message = "must not contain '/'") String name,
        @Schema(example = "e-procurement") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
        String project,
        @ArraySchema(schema = @Schema(example = "dc1")) @NotEmpty
        List<@NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String> replicaSiteIds) {
}
