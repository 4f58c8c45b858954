package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.inventory.RenameVm;
import dev.twinledger.api.inventory.ResizeVm;
import dev.twinledger.api.inventory.RetagVm;
import dev.twinledger.api.inventory.StartVm;
import dev.twinledger.api.inventory.StopVm;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.command.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provisioned VM's lifecycle over REST: start, stop, resize, rename, retag (realm role operator, see
 * {@code SecurityConfig}). Each answers 200 with the VM's id and the position of what the command stored; a command
 * asking for what already holds (same size, name or tags) stores nothing and answers the VM's latest position.
 * Provisioning and decommissioning are in {@link InventoryCommandController}, migrations in
 * {@link MigrationCommandController}.
 */
@RestController
@RequestMapping(path = "/api/vms/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "VM commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
@ApiResponse(responseCode = "404", description = "No such VM")
public class VmCommandController {

    private final CommandSender commands;

    public VmCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/start")
    @Operation(summary = "Start a SHUTOFF VM", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "Started")
    @ApiResponse(responseCode = "409", description = "The VM is not SHUTOFF, or is decommissioned")
    public CommandResult start(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                               HttpServletRequest request, Authentication authentication) {
        return commands.send(new StartVm(id), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping("/stop")
    @Operation(summary = "Stop an ACTIVE VM", description = "It keeps its place and memory. Requires realm role"
            + " operator.")
    @ApiResponse(responseCode = "200", description = "Stopped")
    @ApiResponse(responseCode = "409", description = "The VM is not ACTIVE, or is decommissioned")
    public CommandResult stop(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                              HttpServletRequest request, Authentication authentication) {
        return commands.send(new StopVm(id), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/resize", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Resize a VM", description = "Its memory is re-allocated on its host. Requires realm role"
            + " operator.")
    @ApiResponse(responseCode = "200", description = "Resized")
    @ApiResponse(responseCode = "409", description = "A migration of the VM is in flight, or it is decommissioned")
    @ApiResponse(responseCode = "422", description = "The growth does not fit on the host (the answer names needed"
            + " and free MiB), or the host does not take more memory")
    public CommandResult resize(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                @Valid @RequestBody ResizeVmRequest body, HttpServletRequest request,
                                Authentication authentication) {
        return commands.send(new ResizeVm(id, body.vcpus(), body.memoryMib()), id,
                RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/rename", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rename a VM", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "Renamed")
    @ApiResponse(responseCode = "409", description = "The VM is decommissioned")
    public CommandResult rename(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                @Valid @RequestBody RenameVmRequest body, HttpServletRequest request,
                                Authentication authentication) {
        return commands.send(new RenameVm(id, body.name()), id, RequestMetadata.of(request, authentication));
    }

    @PutMapping(path = "/tags", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a VM's tags", description = "The body is the complete new set. Requires realm"
            + " role operator.")
    @ApiResponse(responseCode = "200", description = "Retagged")
    @ApiResponse(responseCode = "409", description = "The VM is decommissioned")
    public CommandResult retag(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                               @Valid @RequestBody RetagVmRequest body, HttpServletRequest request,
                               Authentication authentication) {
        return commands.send(new RetagVm(id, body.tags()), id, RequestMetadata.of(request, authentication));
    }
}
