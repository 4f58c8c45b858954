package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.inventory.DecommissionHost;
import dev.twinledger.api.inventory.EndHostMaintenance;
import dev.twinledger.api.inventory.MarkHostUpgraded;
import dev.twinledger.api.inventory.SetHostTemporary;
import dev.twinledger.api.inventory.StartHostMaintenance;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A registered host's lifecycle over REST: maintenance, upgrade, temporary flag, decommissioning (realm role
 * platform-admin, see {@code SecurityConfig}). Each answers 200 with the host's id and the position of what the
 * command stored. Registering a host is in {@link InventoryCommandController}.
 */
@RestController
@RequestMapping(path = "/api/hosts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Host commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
@ApiResponse(responseCode = "404", description = "No such host")
public class HostCommandController {

    private final CommandSender commands;

    public HostCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping("/maintenance/start")
    @Operation(summary = "Put an ACTIVE host into maintenance",
            description = "It keeps its VMs but takes no new ones and no incoming migrations. Requires realm role"
                    + " platform-admin.")
    @ApiResponse(responseCode = "200", description = "In maintenance")
    @ApiResponse(responseCode = "409", description = "The host is not ACTIVE (already in maintenance, or"
            + " decommissioned)")
    public CommandResult startMaintenance(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                          String id, HttpServletRequest request, Authentication authentication) {
        return commands.send(new StartHostMaintenance(id), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping("/maintenance/end")
    @Operation(summary = "Bring a host in maintenance back to ACTIVE", description = "Requires realm role"
            + " platform-admin.")
    @ApiResponse(responseCode = "200", description = "ACTIVE again")
    @ApiResponse(responseCode = "409", description = "The host is not in maintenance")
    public CommandResult endMaintenance(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                        String id, HttpServletRequest request, Authentication authentication) {
        return commands.send(new EndHostMaintenance(id), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/upgrade", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record that a host's platform software was upgraded",
            description = "The host must be in maintenance and evacuated (nothing allocated). Requires realm role"
                    + " platform-admin.")
    @ApiResponse(responseCode = "200", description = "Recorded")
    @ApiResponse(responseCode = "409", description = "The host is not in maintenance, still holds VMs, or is"
            + " decommissioned")
    public CommandResult markUpgraded(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                      @Valid @RequestBody MarkHostUpgradedRequest body, HttpServletRequest request,
                                      Authentication authentication) {
        return commands.send(new MarkHostUpgraded(id, body.softwareVersion()), id,
                RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/temporary", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mark a host as temporary capacity, or as permanent",
            description = "Setting the value the host already has succeeds and stores nothing. Requires realm role"
                    + " platform-admin.")
    @ApiResponse(responseCode = "200", description = "Set")
    @ApiResponse(responseCode = "409", description = "The host is decommissioned")
    public CommandResult setTemporary(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                      @Valid @RequestBody SetHostTemporaryRequest body, HttpServletRequest request,
                                      Authentication authentication) {
        return commands.send(new SetHostTemporary(id, body.temporary()), id,
                RequestMetadata.of(request, authentication));
    }

    @PostMapping("/decommission")
    @Operation(summary = "Decommission a host", description = "It must hold nothing: no VM and no incoming"
            + " migration. Requires realm role platform-admin.")
    @ApiResponse(responseCode = "200", description = "Decommissioned")
    @ApiResponse(responseCode = "409", description = "Memory is still allocated on it, or it is already"
            + " decommissioned")
    public CommandResult decommission(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                      String id, HttpServletRequest request, Authentication authentication) {
        return commands.send(new DecommissionHost(id), id, RequestMetadata.of(request, authentication));
    }
}
