package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.inventory.AttachVolume;
import dev.twinledger.api.inventory.CreateVolume;
import dev.twinledger.api.inventory.DeleteVolume;
import dev.twinledger.api.inventory.DetachVolume;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.command.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Volume commands over REST: create, attach to a VM, detach, delete. Attaching and detaching record an event on the
 * volume and one on the VM, stored together; the answer's position is the volume's event, the later of the two. Who
 * may call which endpoint is decided in the security filter chain (see {@code SecurityConfig}).
 */
@RestController
@RequestMapping(path = "/api/volumes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inventory commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
public class VolumeCommandController {

    private final CommandSender commands;

    public VolumeCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a volume at a site", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "201", description = "Created; the volume is AVAILABLE")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    @ApiResponse(responseCode = "422", description = "The site does not exist or the project is not registered")
    public CommandResult createVolume(@Valid @RequestBody CreateVolumeRequest body, HttpServletRequest request,
                                      Authentication authentication) {
        String volumeId = body.id() != null ? body.id() : UUID.randomUUID().toString();
        return commands.send(new CreateVolume(volumeId, body.name(), body.siteId(), body.project(), body.sizeGib()),
                volumeId, RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/{id}/attach", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Attach a volume to a VM", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "Attached; the volume is IN_USE")
    @ApiResponse(responseCode = "404", description = "No such volume")
    @ApiResponse(responseCode = "409",
            description = "The volume is already attached or deleted, or the VM is decommissioned")
    @ApiResponse(responseCode = "422", description = "The VM does not exist or runs at another site")
    public CommandResult attachVolume(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                      String id, @Valid @RequestBody AttachVolumeRequest body,
                                      HttpServletRequest request, Authentication authentication) {
        return commands.send(new AttachVolume(id, body.vmId()), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/{id}/detach")
    @Operation(summary = "Detach a volume from its VM", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "Detached; the volume is AVAILABLE")
    @ApiResponse(responseCode = "404", description = "No such volume")
    @ApiResponse(responseCode = "409", description = "The volume is not attached, or deleted")
    public CommandResult detachVolume(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                      String id, HttpServletRequest request, Authentication authentication) {
        return commands.send(new DetachVolume(id), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/{id}/delete")
    @Operation(summary = "Delete a volume", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "Deleted; the volume accepts no further changes")
    @ApiResponse(responseCode = "404", description = "No such volume")
    @ApiResponse(responseCode = "409", description = "The volume is attached, or already deleted")
    public CommandResult deleteVolume(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                      String id, HttpServletRequest request, Authentication authentication) {
        return commands.send(new DeleteVolume(id), id, RequestMetadata.of(request, authentication));
    }
}
