package dev.twinledger.queryside.access;

import dev.twinledger.api.inventory.Environment;

import java.time.Instant;

/**
 * A denied attempt as the command side recorded it (an {@code AccessDenied} event).
 *
 * @param position           the event's global position
 * @param eventId            the event
 * @param actor              who tried
 * @param permission         the permission needed, or null
 * @param resourceType       the resource's type, or null
 * @param resourceId         the resource's id, or null
 * @param siteId             its site, or null
 * @param environment        its environment, or null
 * @param project            its project, or null
 * @param rule               what refused it ({@code permission}, {@code realm-role}, or an access rule)
 * @param reason             what was missing or wrong
 * @param conflictingGrantId the grant a separation-of-duties rule named, or null
 * @param request            the HTTP method and path, or the command
 * @param occurredAt         when
 * @param handlingSite       the site that refused it
 * @param correlationId      the request's correlation id
 */
public record DenialView(long position, String eventId, String actor, String permission, String resourceType,
                         String resourceId, String siteId, Environment environment, String project, String rule,
                         String reason, String conflictingGrantId, String request, Instant occurredAt,
                         String handlingSite, String correlationId) {
}
