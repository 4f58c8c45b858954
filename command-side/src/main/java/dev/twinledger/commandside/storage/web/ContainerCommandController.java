package dev.twinledger.commandside.storage.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.storage.ChangeReplicaPolicy;
import dev.twinledger.api.storage.CreateContainer;
import dev.twinledger.api.storage.ReportReplicaStatus;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.UUID;

/**
 * Object-storage container commands over REST: create a container with its replica policy, change the policy, and
 * report a replica's status (what the storage monitoring calls, with the automation client's token). A command that
 * would change nothing (the same policy again, the same status and detail again) is answered 200 and stores nothing;
 * its position is that of the container's latest event. Who may call which endpoint is decided in the security filter
 * chain (see {@code SecurityConfig}).
 */
@RestController
@RequestMapping(path = "/api/containers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Object storage commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
public class ContainerCommandController {

    private final CommandSender commands;

    public ContainerCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a container with a replica policy", description = "Requires realm role operator."
            + " Every replica starts UNKNOWN.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    @ApiResponse(responseCode = "422", description = "A replica site does not exist (each is named), or the project"
            + " is not registered")
    public CommandResult createContainer(@Valid @RequestBody CreateContainerRequest body, HttpServletRequest request,
                                         Authentication authentication) {
        String containerId = body.id() != null ? body.id() : UUID.randomUUID().toString();
        return commands.send(new CreateContainer(containerId, body.name(), body.project(),
                new LinkedHashSet<>(body.replicaSiteIds())), containerId, RequestMetadata.of(request, authentication));
    }

    @PutMapping(path = "/{id}/replica-policy", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a container's replica policy", description = "Requires realm role operator. A site"
            + " added starts UNKNOWN; a site removed drops its status; the same policy again stores nothing.")
    @ApiResponse(responseCode = "200", description = "Changed, or already the policy")
    @ApiResponse(responseCode = "404", description = "No such container")
    @ApiResponse(responseCode = "422", description = "A replica site does not exist (each is named)")
    public CommandResult changeReplicaPolicy(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                             String id, @Valid @RequestBody ChangeReplicaPolicyRequest body,
                                             HttpServletRequest request, Authentication authentication) {
        return commands.send(new ChangeReplicaPolicy(id, new LinkedHashSet<>(body.replicaSiteIds())), id,
                RequestMetadata.of(request, authentication));
    }

    @PostMapping(path = "/{id}/replicas/{siteId}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report the status of a container's replica at a site", description = "Requires realm role"
            + " operator (the storage monitoring uses the automation client). The same status and detail again stores"
            + " nothing.")
    @ApiResponse(responseCode = "200", description = "Recorded, or unchanged")
    @ApiResponse(responseCode = "404", description = "No such container")
    @ApiResponse(responseCode = "422", description = "The site is not in the container's replica policy, or the"
            + " status is UNKNOWN")
    public CommandResult reportReplicaStatus(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                             String id,
                                             @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                             String siteId, @Valid @RequestBody ReportReplicaStatusRequest body,
                                             HttpServletRequest request, Authentication authentication) {
        return commands.send(new ReportReplicaStatus(id, siteId, body.status(), body.detail()), id,
                RequestMetadata.of(request, authentication));
    }
}
