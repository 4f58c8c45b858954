package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.inventory.DecommissionVm;
import dev.twinledger.api.inventory.ProvisionVm;
import dev.twinledger.api.inventory.RegisterHost;
import dev.twinledger.api.inventory.RegisterSite;
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
 * Inventory commands over REST. Each endpoint answers with the id and the global position of the stored event; who may
 * call which endpoint is decided in the security filter chain (see {@code SecurityConfig}).
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inventory commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
public class InventoryCommandController {

    private final CommandSender commands;

    public InventoryCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/sites", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a site", description = "Requires realm role platform-admin.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    public CommandResult registerSite(@Valid @RequestBody RegisterSiteRequest body, HttpServletRequest request,
                                      Authentication authentication) {
        return commands.send(new RegisterSite(body.id(), body.name(), body.platform()), body.id(),
                RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/hosts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a host at a site", description = "Requires realm role platform-admin.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    @ApiResponse(responseCode = "422", description = "The site does not exist, or reservedMemoryMib is not below"
            + " memoryMib")
    public CommandResult registerHost(@Valid @RequestBody RegisterHostRequest body, HttpServletRequest request,
                                      Authentication authentication) {
        return commands.send(new RegisterHost(body.id(), body.siteId(), body.name(), body.cpuCores(),
                body.memoryMib(), body.reservedMemoryMib(), body.overcommitRatio(), body.temporary()), body.id(),
                RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/vms", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Provision a VM on a host", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "201", description = "Provisioned")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    @ApiResponse(responseCode = "422",
            description = "The site or host does not exist, the host is not ACTIVE, stands in another site, or lacks"
                    + " the memory (the answer names needed and free MiB)")
    public CommandResult provisionVm(@Valid @RequestBody ProvisionVmRequest body, HttpServletRequest request,
                                     Authentication authentication) {
        String vmId = body.id() != null ? body.id() : UUID.randomUUID().toString();
        return commands.send(new ProvisionVm(vmId, body.name(), body.siteId(), body.hostId(), body.project(),
                body.environment(), body.vcpus(), body.memoryMib(), body.platformId()), vmId,
                RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/vms/{id}/decommission")
    @Operation(summary = "Decommission a VM", description = "Requires realm role operator.")
    @ApiResponse(responseCode = "200", description = "Decommissioned")
    @ApiResponse(responseCode = "404", description = "No such VM")
    @ApiResponse(responseCode = "409", description = "The VM is already decommissioned, or a migration of it is in"
            + " flight")
    public CommandResult decommissionVm(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                        String id, HttpServletRequest request, Authentication authentication) {
        return commands.send(new DecommissionVm(id), id, RequestMetadata.of(request, authentication));
    }
}
