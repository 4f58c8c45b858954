package dev.twinledger.commandside.access.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.access.AccessDirectory;
import dev.twinledger.api.access.AddGroupMember;
import dev.twinledger.api.access.ApproveGrant;
import dev.twinledger.api.access.CloseAccessReview;
import dev.twinledger.api.access.CreateGroup;
import dev.twinledger.api.access.DecideReviewItem;
import dev.twinledger.api.access.DefineRole;
import dev.twinledger.api.access.RejectGrant;
import dev.twinledger.api.access.RemoveGroupMember;
import dev.twinledger.api.access.RequestGrant;
import dev.twinledger.api.access.RetireRole;
import dev.twinledger.api.access.RevokeGrant;
import dev.twinledger.api.access.StartAccessReview;
import dev.twinledger.commandside.access.web.Requests.AddMemberRequest;
import dev.twinledger.commandside.access.web.Requests.CreateGroupRequest;
import dev.twinledger.commandside.access.web.Requests.DecideRequest;
import dev.twinledger.commandside.access.web.Requests.DefineRoleRequest;
import dev.twinledger.commandside.access.web.Requests.ReasonRequest;
import dev.twinledger.commandside.access.web.Requests.RequestGrantRequest;
import dev.twinledger.commandside.access.web.Requests.ScopeBody;
import dev.twinledger.commandside.access.web.Requests.StartReviewRequest;
import dev.twinledger.commandside.command.CommandResult;
import dev.twinledger.commandside.command.CommandSender;
import dev.twinledger.commandside.command.RequestMetadata;
import dev.twinledger.support.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The access directory over REST. Any valid token may call these: the directory authorizes each command itself
 * against the caller's grants (the caller is the token's {@code preferred_username}, never a field of the body), so
 * a refusal names the missing permission or the rule (no escalation, second-person approval, separation of duties)
 * and is recorded. Each answers the id of what it created or changed and the position of what it stored.
 */
@RestController
@Validated
@RequestMapping(path = "/api/access", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Access directory commands")
@ApiResponse(responseCode = "400", description = "Malformed body, id or header")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The caller lacks the permission on the scope, or an access rule"
        + " refuses (no escalation, self-approval, delegation); recorded as an AccessDenied event")
@ApiResponse(responseCode = "422", description = "Unknown permission, bad validity, deadline in the past")
public class AccessCommandController {

    private final CommandSender commands;

    public AccessCommandController(CommandSender commands) {
        this.commands = commands;
    }

    @PutMapping(path = "/roles/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Define a role or change its permissions", description = "Needs role:define everywhere and"
            + " every permission put in the role. A past check uses the role as it was then.")
    @ApiResponse(responseCode = "200", description = "Defined (an unchanged definition stores nothing)")
    public CommandResult defineRole(@PathVariable @Pattern(regexp = Ids.ROLE, message = Ids.ROLE_SHAPE) String name,
                                    @Valid @RequestBody DefineRoleRequest body, HttpServletRequest request,
                                    Authentication authentication) {
        return send(new DefineRole(name, body.permissions(), body.privileged(), caller(authentication)), name,
                request, authentication);
    }

    @PostMapping(path = "/roles/{name}/retire", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Retire a role", description = "Needs role:define everywhere; refused while a grant of it is"
            + " in effect or pending.")
    @ApiResponse(responseCode = "200", description = "Retired")
    @ApiResponse(responseCode = "404", description = "No such role")
    @ApiResponse(responseCode = "409", description = "Grants of the role are in effect or pending")
    public CommandResult retireRole(@PathVariable @Pattern(regexp = Ids.ROLE, message = Ids.ROLE_SHAPE) String name,
                                    @Valid @RequestBody ReasonRequest body, HttpServletRequest request,
                                    Authentication authentication) {
        return send(new RetireRole(name, caller(authentication), body.reason()), name, request, authentication);
    }

    @PostMapping(path = "/groups", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a group", description = "Needs group:manage on the group. Groups do not nest.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "409", description = "The group exists")
    public CommandResult createGroup(@Valid @RequestBody CreateGroupRequest body, HttpServletRequest request,
                                     Authentication authentication) {
        return send(new CreateGroup(body.groupId(), body.description(), caller(authentication)), body.groupId(),
                request, authentication);
    }

    @PostMapping(path = "/groups/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a user to a group", description = "Needs group:manage on the group; the group's grants"
            + " reach the user, so adding must not escalate nor break separation of duties.")
    @ApiResponse(responseCode = "200", description = "Added")
    @ApiResponse(responseCode = "404", description = "No such group")
    @ApiResponse(responseCode = "409", description = "Already a member for part of that time, or a"
            + " separation-of-duties conflict (the conflicting grant is named)")
    public CommandResult addMember(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                   @Valid @RequestBody AddMemberRequest body, HttpServletRequest request,
                                   Authentication authentication) {
        return send(new AddGroupMember(id, body.username(), body.validFrom(), body.validUntil(),
                caller(authentication)), id, request, authentication);
    }

    @PostMapping(path = "/groups/{id}/members/{username}/remove", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Remove a user from a group at once", description = "Needs group:manage on the group.")
    @ApiResponse(responseCode = "200", description = "Removed")
    @ApiResponse(responseCode = "404", description = "No such group, or the user is not a member")
    public CommandResult removeMember(
            @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
            @PathVariable @Size(min = 1, max = 255) String username, @Valid @RequestBody ReasonRequest body,
            HttpServletRequest request, Authentication authentication) {
        return send(new RemoveGroupMember(id, username, caller(authentication), body.reason()), id, request,
                authentication);
    }

    @PostMapping(path = "/grants", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant a role on a scope", description = "Needs grant:create on the scope and every"
            + " permission of the role there (no escalation). A privileged role (access-admin, platform-admin by"
            + " default) waits for a second person's approval before it takes effect. It ends by itself at"
            + " validUntil.")
    @ApiResponse(responseCode = "201", description = "Requested: in effect now, or pending approval")
    @ApiResponse(responseCode = "404", description = "No such role or group")
    @ApiResponse(responseCode = "409", description = "The id is taken, or a separation-of-duties conflict (the"
            + " conflicting grant is named)")
    public CommandResult requestGrant(@Valid @RequestBody RequestGrantRequest body, HttpServletRequest request,
                                      Authentication authentication) {
        String grantId = body.grantId() != null ? body.grantId() : UUID.randomUUID().toString();
        return send(new RequestGrant(grantId, body.principal().toRef(), body.role(), ScopeBody.toScope(body.scope()),
                body.validFrom(), body.validUntil(), body.justification(), body.ticket(), caller(authentication)),
                grantId, request, authentication);
    }

    @PostMapping("/grants/{id}/approve")
    @Operation(summary = "Approve a pending grant", description = "Needs grant:approve on its scope; the approver"
            + " must not be the requester nor the grantee.")
    @ApiResponse(responseCode = "200", description = "Approved: in effect from now")
    @ApiResponse(responseCode = "404", description = "No such grant")
    @ApiResponse(responseCode = "409", description = "Not pending, or a separation-of-duties conflict")
    public CommandResult approve(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                 HttpServletRequest request, Authentication authentication) {
        return send(new ApproveGrant(id, caller(authentication)), id, request, authentication);
    }

    @PostMapping(path = "/grants/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Refuse a pending grant", description = "Needs grant:approve on its scope.")
    @ApiResponse(responseCode = "200", description = "Rejected: it never takes effect")
    @ApiResponse(responseCode = "404", description = "No such grant")
    @ApiResponse(responseCode = "409", description = "Not pending")
    public CommandResult reject(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                @Valid @RequestBody ReasonRequest body, HttpServletRequest request,
                                Authentication authentication) {
        return send(new RejectGrant(id, caller(authentication), body.reason()), id, request, authentication);
    }

    @PostMapping(path = "/grants/{id}/revoke", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke a grant at once", description = "Needs grant:revoke on its scope. The next command"
            + " of its holder is checked without it, on every instance.")
    @ApiResponse(responseCode = "200", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such grant")
    @ApiResponse(responseCode = "409", description = "Already revoked or rejected")
    public CommandResult revoke(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                @Valid @RequestBody ReasonRequest body, HttpServletRequest request,
                                Authentication authentication) {
        return send(new RevokeGrant(id, caller(authentication), body.reason()), id, request, authentication);
    }

    @PostMapping(path = "/reviews", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start an access review of a scope", description = "Needs review:run on the scope. Lists"
            + " every grant in effect or pending within the scope for the reviewer, who must be someone else. At"
            + " the deadline it closes by itself and flags what nobody decided.")
    @ApiResponse(responseCode = "201", description = "Started")
    @ApiResponse(responseCode = "409", description = "The id is taken")
    public CommandResult startReview(@Valid @RequestBody StartReviewRequest body, HttpServletRequest request,
                                     Authentication authentication) {
        String reviewId = body.reviewId() != null ? body.reviewId() : UUID.randomUUID().toString();
        return send(new StartAccessReview(reviewId, ScopeBody.toScope(body.scope()), body.reviewer(),
                body.deadline(), caller(authentication)), reviewId, request, authentication);
    }

    @PostMapping(path = "/reviews/{id}/items/{grantId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Confirm or revoke one grant of a review", description = "Only the review's reviewer;"
            + " REVOKED revokes the grant in the same transaction.")
    @ApiResponse(responseCode = "200", description = "Decided")
    @ApiResponse(responseCode = "404", description = "No such review, or the grant is not in it")
    @ApiResponse(responseCode = "409", description = "Already decided, or the review is closed")
    public CommandResult decide(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                                @PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String grantId,
                                @Valid @RequestBody DecideRequest body, HttpServletRequest request,
                                Authentication authentication) {
        return send(new DecideReviewItem(id, grantId, body.outcome(), body.comment(), caller(authentication)), id,
                request, authentication);
    }

    @PostMapping("/reviews/{id}/close")
    @Operation(summary = "Close a review now", description = "Only its reviewer or starter; undecided grants are"
            + " flagged on the closing event.")
    @ApiResponse(responseCode = "200", description = "Closed")
    @ApiResponse(responseCode = "404", description = "No such review")
    @ApiResponse(responseCode = "409", description = "Already closed")
    public CommandResult close(@PathVariable @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String id,
                               HttpServletRequest request, Authentication authentication) {
        return send(new CloseAccessReview(id, caller(authentication)), id, request, authentication);
    }

    /** Every access command goes to the one directory; the answer names what it was about. */
    private CommandResult send(Object command, String subjectId, HttpServletRequest request,
                               Authentication authentication) {
        CommandResult result = commands.send(command, AccessDirectory.ID, RequestMetadata.of(request, authentication));
        return new CommandResult(subjectId, result.position());
    }

    private static String caller(Authentication authentication) {
        return Caller.of(authentication).username();
    }
}
