package dev.twinledger.commandside.inventory.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.migration.CompleteMigration;
import dev.twinledger.api.migration.FailMigration;
import dev.twinledger.api.migration.RequestMigration;
import dev.twinledger.api.migration.RollBackMigration;
import dev.twinledger.api.migration.StartMigration;
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
 * A VM's migrations over REST (realm role operator, see {@code SecurityConfig}): request one, then report what the
 * platform did with it. A migration lives on the VM's stream; every answer carries the migration's id and the position
 * of what the command stored (on the VM and on the hosts whose memory moved).
 */
@RestController
@RequestMapping(path = "/api/vms/{id}/migrations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Migration commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks the required realm role")
public class MigrationCommandController {

    private final CommandSender commands;

    public MigrationCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a migration of a VM to another host",
            description = "The kind (host to host, site to site, cross-platform) follows from the hosts' sites and"
                    + " platforms. The VM's memory is allocated on the target at once. Requires realm role operator.")
    @ApiResponse(responseCode = "201", description = "Requested; the answer's id is the migration's id")
    @ApiResponse(responseCode = "404", description = "No such VM")
    @ApiResponse(responseCode = "409", description = "The VM is decommissioned, another migration is in flight, or"
            + " the migration id was used before")
    @ApiResponse(responseCode = "422", description = "The target is the VM's host, does not exist, is not ACTIVE,"
            + " or lacks the memory (the answer names needed and free MiB)")
    public CommandResult request(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                 @Valid @RequestBody RequestMigrationRequest body, HttpServletRequest request,
                                 Authentication authentication) {
        String migrationId = body.migrationId() != null ? body.migrationId() : UUID.randomUUID().toString();
        CommandResult stored = commands.send(new RequestMigration(id, migrationId, body.targetHostId(), null), id,
                RequestMetadata.of(request, authentication));
        return new CommandResult(migrationId, stored.position());
    }

    @PostMapping("/{migrationId}/start")
    @Operation(summary = "Report that the platform started a requested migration", description = "Requires realm"
            + " role operator.")
    @ApiResponse(responseCode = "200", description = "In progress")
    @ApiResponse(responseCode = "404", description = "No such VM, or no such migration of it")
    @ApiResponse(responseCode = "409", description = "The migration is not REQUESTED (the answer names its state)")
    public CommandResult start(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                               @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                               String migrationId, HttpServletRequest request, Authentication authentication) {
        return answer(migrationId, commands.send(new StartMigration(id, migrationId), id,
                RequestMetadata.of(request, authentication)));
    }

    @PostMapping("/{migrationId}/complete")
    @Operation(summary = "Report that a migration finished",
            description = "The VM now runs on the target; its memory on the source is released. The body (with the"
                    + " VM's new platform id) may be left out unless the migration crosses platforms. Requires realm"
                    + " role operator.")
    @ApiResponse(responseCode = "200", description = "Completed")
    @ApiResponse(responseCode = "404", description = "No such VM, or no such migration of it")
    @ApiResponse(responseCode = "409", description = "The migration is not IN_PROGRESS (the answer names its state)")
    @ApiResponse(responseCode = "422", description = "A cross-platform migration without newPlatformId")
    public CommandResult complete(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                  @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                  String migrationId,
                                  @Valid @RequestBody(required = false) CompleteMigrationRequest body,
                                  HttpServletRequest request, Authentication authentication) {
        String newPlatformId = body == null ? null : body.newPlatformId();
        return answer(migrationId, commands.send(new CompleteMigration(id, migrationId, newPlatformId), id,
                RequestMetadata.of(request, authentication)));
    }

    @PostMapping(path = "/{migrationId}/fail", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report that a requested or running migration failed",
            description = "The VM stays on its source; the memory held on the target is released. Requires realm"
                    + " role operator.")
    @ApiResponse(responseCode = "200", description = "Failed")
    @ApiResponse(responseCode = "404", description = "No such VM, or no such migration of it")
    @ApiResponse(responseCode = "409", description = "The migration already ended (the answer names its state)")
    public CommandResult fail(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                              @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                              String migrationId, @Valid @RequestBody MigrationOutcomeRequest body,
                              HttpServletRequest request, Authentication authentication) {
        return answer(migrationId, commands.send(new FailMigration(id, migrationId, body.reason()), id,
                RequestMetadata.of(request, authentication)));
    }

    @PostMapping(path = "/{migrationId}/rollback", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report that a running migration was rolled back",
            description = "The VM stays on its source; the memory held on the target is released. Requires realm"
                    + " role operator.")
    @ApiResponse(responseCode = "200", description = "Rolled back")
    @ApiResponse(responseCode = "404", description = "No such VM, or no such migration of it")
    @ApiResponse(responseCode = "409", description = "The migration is not IN_PROGRESS (the answer names its state)")
    public CommandResult rollBack(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                  @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
                                  String migrationId, @Valid @RequestBody MigrationOutcomeRequest body,
                                  HttpServletRequest request, Authentication authentication) {
        return answer(migrationId, commands.send(new RollBackMigration(id, migrationId, body.reason()), id,
                RequestMetadata.of(request, authentication)));
    }

    private static CommandResult answer(String migrationId, CommandResult stored) {
        return new CommandResult(migrationId, stored.position());
    }
}
