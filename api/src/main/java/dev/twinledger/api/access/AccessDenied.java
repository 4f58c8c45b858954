package dev.twinledger.api.access;

import dev.twinledger.api.inventory.Environment;

/**
 * An authenticated request was refused: the caller lacked a permission on a resource, or an access rule (no
 * escalation, self-approval, separation of duties) refused an access change. Published on its own (its aggregate id
 * is its event id), in a transaction of its own, because the refused command stored nothing.
 *
 * @param actor             the caller's username
 * @param permission        the permission that was needed ({@code type:action}), or the access command's permission
 * @param resourceType      the resource's type ({@code vm}, {@code host}, {@code grant}, ...)
 * @param resourceId        the resource's id, or null for a request not about one resource
 * @param siteId            the resource's site, or null
 * @param environment       the resource's environment, or null
 * @param project           the resource's project, or null
 * @param rule              what refused it: {@code permission}, {@code realm-role}, or an access rule's name
 * @param reason            what was missing or wrong, in words
 * @param conflictingGrantId the grant an access rule named (separation of duties), or null
 * @param request           the HTTP method and path, or the command name
 */
public record AccessDenied(String actor, String permission, String resourceType, String resourceId, String siteId,
                           Environment environment, String project, String rule, String reason,
                           String conflictingGrantId, String request) {
}
