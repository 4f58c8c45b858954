package dev.twinledger.queryside.access;

import dev.twinledger.policies.grant.Principal;
import dev.twinledger.policies.permission.Permission;
import dev.twinledger.policies.permission.Permissions;
import dev.twinledger.queryside.asof.Instants;

import java.time.Instant;

/** Parses the access endpoints' parameters; anything malformed is an {@link InvalidAccessParameter} naming it. */
final class AccessParameters {

    private AccessParameters() {
    }

    /** {@code user:<username>} or {@code group:<id>}. */
    static Principal principal(String parameter, String text) {
        if (text != null) {
            int colon = text.indexOf(':');
            String kind = colon < 0 ? "" : text.substring(0, colon);
            String id = colon < 0 ? "" : text.substring(colon + 1);
            if (!id.isBlank() && (kind.equals("user") || kind.equals("group"))) {
                return kind.equals("user") ? Principal.user(id) : Principal.group(id);
            }
        }
        throw new InvalidAccessParameter(parameter, "must be user:<username> or group:<group id>, was '" + text
                + "'");
    }

    /** A permission of the catalog, written {@code type:action}. */
    static Permission action(String parameter, String text) {
        try {
            Permission permission = Permission.parse(text == null ? "" : text.trim());
            if (Permissions.isKnown(permission)) {
                return permission;
            }
        } catch (IllegalArgumentException malformed) {
            // answered below, with the catalog
        }
        throw new InvalidAccessParameter(parameter, "must be a known permission such as vm:provision (one of "
                + Permissions.ALL + "), was '" + text + "'");
    }

    /** A resource type: a lower-case word such as {@code vm}. */
    static String resourceType(String parameter, String text) {
        if (!Permission.isWord(text)) {
            throw new InvalidAccessParameter(parameter, "must be a lower-case resource type such as vm or host, was '"
                    + text + "'");
        }
        return text;
    }

    /** A non-blank id. */
    static String id(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidAccessParameter(parameter, "must not be blank");
        }
        return text;
    }

    /**
     * The instant to evaluate at, read like every "as of" parameter ({@link Instants}): now when absent; never in
     * the future.
     */
    static Instant asOf(String text, Instant now) {
        return Instants.pastOrNow("asOf", text, now);
    }
}
