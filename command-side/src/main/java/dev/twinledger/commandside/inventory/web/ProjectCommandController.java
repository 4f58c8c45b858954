package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.inventory.RegisterProject;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.command.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Project registration over REST. A project must be registered before VMs, volumes or containers can name it. Who may
 * call it is decided in the security filter chain (see {@code SecurityConfig}).
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Inventory commands")
@ApiResponse(responseCode = "400", description = "Malformed body or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
public class ProjectCommandController {

    private final CommandSender commands;

    public ProjectCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/projects", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a project", description = "Requires realm role platform-admin.")
    @ApiResponse(responseCode = "201", description = "Registered")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    public CommandResult registerProject(@Valid @RequestBody RegisterProjectRequest body, HttpServletRequest request,
                                         Authentication authentication) {
        return commands.send(new RegisterProject(body.id(), body.name(), body.description()), body.id(),
                RequestMetadata.of(request, authentication));
    }
}
