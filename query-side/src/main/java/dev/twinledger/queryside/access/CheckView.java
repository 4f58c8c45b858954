package dev.twinledger.queryside.access;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "may this principal do this action on this resource at this instant", and why.
 *
 * @param allowed     the answer
 * @param principal   who was asked about ({@code user:alice}, {@code group:ops})
 * @param action      the permission, e.g. {@code vm:provision}
 * @param resource    the resource, with the attributes it was matched with
 * @param asOf        the instant evaluated
 * @param reasons     when allowed: every grant path that allows it, with who granted and approved it and when
 * @param missing     when denied: the permission and the scope it is missing on; null when allowed
 * @param notCounted  when denied: paths that would cover the resource but do not count then, and why
 * @param outOfScope  when denied: paths that give the permission then, but on scopes not covering the resource
 * @param explanation the answer and its reasons in sentences
 */
public record CheckView(boolean allowed, String principal, String action, ResourceView resource, Instant asOf,
                        List<GrantPathView> reasons, Missing missing, List<NotCounted> notCounted,
                        List<GrantPathView> outOfScope, List<String> explanation) {

    /**
     * What a denied principal lacks.
     *
     * @param permission the permission
     * @param scope      the scope it is needed on: exactly the resource with its attributes; any grant of a role with
     *                   the permission on a scope covering it would do
     */
    public record Missing(String permission, ScopeView scope) {
    }

    /**
     * A path that does not count at the instant asked about.
     *
     * @param path     the path
     * @param standing why: {@code REVOKED}, {@code PENDING_APPROVAL}, {@code NOT_YET_VALID}, {@code EXPIRED},
     *                 {@code MEMBERSHIP_NOT_YET_VALID}, {@code MEMBERSHIP_ENDED}
     */
    public record NotCounted(GrantPathView path, String standing) {
    }
}
