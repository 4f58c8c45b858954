package dev.twinledger.commandside.campaign.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.campaign.CreateUpgradeCampaign;
import dev.twinledger.api.campaign.PauseUpgradeCampaign;
import dev.twinledger.api.campaign.ResumeUpgradeCampaign;
import dev.twinledger.api.campaign.StartUpgradeCampaign;
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

import java.util.List;
import java.util.UUID;

/**
 * Upgrade campaign commands over REST (realm role platform-admin, see {@code SecurityConfig}). Each answers with the
 * campaign id and the global position of the stored event; progress is read on the query side.
 */
@RestController
@RequestMapping(path = "/api/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Upgrade campaign commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks realm role platform-admin")
public class CampaignCommandController {

    private final CommandSender commands;

    public CampaignCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an upgrade campaign at a site",
            description = "Requires realm role platform-admin. The campaign waits in CREATED until started.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The id is already taken")
    @ApiResponse(responseCode = "422", description = "The site or a host does not exist, a host stands at another"
            + " site or is decommissioned, a host is named twice or both to upgrade and as temporary capacity")
    public CommandResult create(@Valid @RequestBody CreateCampaignRequest body, HttpServletRequest request,
                                Authentication authentication) {
        String campaignId = body.id() != null ? body.id() : UUID.randomUUID().toString();
        int maxAttempts = body.maxAttempts() != null ? body.maxAttempts() : CreateCampaignRequest.DEFAULT_MAX_ATTEMPTS;
        long timeout = body.migrationTimeoutSeconds() != null ? body.migrationTimeoutSeconds()
                : CreateCampaignRequest.DEFAULT_TIMEOUT_SECONDS;
        List<String> temporary = body.temporaryHostIds() != null ? body.temporaryHostIds() : List.of();
        return commands.send(new CreateUpgradeCampaign(campaignId, body.name(), body.siteId(), body.hostIds(),
                temporary, body.targetVersion(), maxAttempts, timeout), campaignId,
                RequestMetadata.of(request, authentication));
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start a created campaign", description = "Requires realm role platform-admin.")
    @ApiResponse(responseCode = "200", description = "Started")
    @ApiResponse(responseCode = "404", description = "No such campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is not CREATED")
    public CommandResult start(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                               HttpServletRequest request, Authentication authentication) {
        return commands.send(new StartUpgradeCampaign(id), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause a running campaign",
            description = "Requires realm role platform-admin. Migrations in flight finish; no new ones start.")
    @ApiResponse(responseCode = "200", description = "Paused")
    @ApiResponse(responseCode = "404", description = "No such campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is not RUNNING")
    public CommandResult pause(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                               @Valid @RequestBody(required = false) PauseCampaignRequest body,
                               HttpServletRequest request, Authentication authentication) {
        String reason = body != null ? body.reason() : null;
        return commands.send(new PauseUpgradeCampaign(id, reason), id, RequestMetadata.of(request, authentication));
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume a paused campaign", description = "Requires realm role platform-admin.")
    @ApiResponse(responseCode = "200", description = "Resumed")
    @ApiResponse(responseCode = "404", description = "No such campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is not PAUSED")
    public CommandResult resume(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                HttpServletRequest request, Authentication authentication) {
        return commands.send(new ResumeUpgradeCampaign(id), id, RequestMetadata.of(request, authentication));
    }
}
