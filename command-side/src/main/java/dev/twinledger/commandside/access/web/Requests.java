package dev.twinledger.commandside.access.web;

import dev.twinledger.api.ResourceIds;
import dev.twinledger.api.access.AccessScope;
import dev.twinledger.api.access.PrincipalKind;
import dev.twinledger.api.access.PrincipalRef;
import dev.twinledger.api.access.ReviewOutcome;
import dev.twinledger.api.inventory.Environment;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Set;

/** The bodies of the access commands. Shapes are checked here (400); the directory's rules answer the rest. */
final class Requests {

    private Requests() {
    }

    /** {@code PUT /api/access/roles/{name}}. */
    record DefineRoleRequest(
            @Schema(example = "[\"inventory:read\", \"vm:operate\"]") @NotNull @Size(max = 100)
            Set<@NotBlank String> permissions,
            @Schema(description = "Whether grants of the role need a second person's approval") boolean privileged) {
    }

    /** A reason, required: retiring a role, rejecting or revoking a grant, removing a member. */
    record ReasonRequest(@Schema(example = "left the team") @NotBlank @Size(max = 1000) String reason) {
    }

    /** {@code POST /api/access/groups}. */
    record CreateGroupRequest(
            @Schema(example = "dc1-oncall") @NotNull @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE)
            String groupId,
            @Schema(example = "On-call operators of dc1") @NotBlank @Size(max = 1000) String description) {
    }

    /** {@code POST /api/access/groups/{id}/members}. */
    record AddMemberRequest(
            @Schema(example = "alice") @NotBlank @Size(max = 255) String username,
            @Schema(description = "Optional; now when absent") Instant validFrom,
            @Schema(description = "Optional; open-ended when absent") Instant validUntil) {
    }

    /** A principal in a body. */
    record PrincipalBody(@NotNull PrincipalKind kind, @NotBlank @Size(max = 255) String id) {

        PrincipalRef toRef() {
            return new PrincipalRef(kind, id);
        }
    }

    /** A scope in a body; every attribute optional, none at all is everywhere. */
    record ScopeBody(
            @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String siteId,
            Environment environment,
            @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String project,
            @Pattern(regexp = "[a-z]{1,32}", message = "must be a lower-case word") String resourceType,
            @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String resourceId) {

        static AccessScope toScope(ScopeBody body) {
            return body == null ? AccessScope.EVERYWHERE : new AccessScope(body.siteId, body.environment,
                    body.project, body.resourceType, body.resourceId);
        }
    }

    /** {@code POST /api/access/grants}. */
    record RequestGrantRequest(
            @Schema(description = "Optional; a UUID is generated when absent")
            @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String grantId,
            @NotNull @Valid PrincipalBody principal,
            @Schema(example = "operator") @NotNull @Pattern(regexp = Ids.ROLE, message = Ids.ROLE_SHAPE) String role,
            @Valid ScopeBody scope,
            @Schema(description = "Optional; now when absent") Instant validFrom,
            @Schema(description = "Optional; open-ended when absent") Instant validUntil,
            @Schema(example = "on call for dc1 production") @NotBlank @Size(max = 1000) String justification,
            @Schema(example = "CHG-1234") @Size(min = 1, max = 100) String ticket) {
    }

    /** {@code POST /api/access/reviews}. */
    record StartReviewRequest(
            @Schema(description = "Optional; a UUID is generated when absent")
            @Pattern(regexp = ResourceIds.REGEX, message = Ids.SHAPE) String reviewId,
            @Valid ScopeBody scope,
            @Schema(example = "auditor") @NotBlank @Size(max = 255) String reviewer,
            @NotNull Instant deadline) {
    }

    /** {@code POST /api/access/reviews/{id}/items/{grantId}}. */
    record DecideRequest(@NotNull ReviewOutcome outcome, @Size(max = 1000) String comment) {
    }
}
