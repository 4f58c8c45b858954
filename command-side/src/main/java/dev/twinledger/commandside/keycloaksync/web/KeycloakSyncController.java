package dev.twinledger.commandside.keycloaksync.web;

import dev.twinledger.commandside.keycloaksync.DriftView;
import dev.twinledger.commandside.keycloaksync.KeycloakSyncStore;
import dev.twinledger.commandside.keycloaksync.SyncSettings;
import dev.twinledger.support.security.Caller;
import dev.twinledger.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * The Keycloak group sync's report and the operator's way to let the directory win over a drift item. Both need realm
 * role access-admin (see {@code SecurityConfig}). They read and write the shared sync tables, so every instance
 * answers the same whichever one ran the sync.
 */
@RestController
@RequestMapping(path = "/api/access/keycloak-sync", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Keycloak group sync")
@ApiResponse(responseCode = "401", description = "No valid bearer token")
@ApiResponse(responseCode = "403", description = "The token lacks realm role access-admin")
public class KeycloakSyncController {

    private final KeycloakSyncStore store;
    private final SyncSettings settings;
    private final Clock clock;

    public KeycloakSyncController(KeycloakSyncStore store, SyncSettings settings) {
        this.store = store;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    @GetMapping
    @Operation(summary = "The latest sync run, what Twinledger manages in Keycloak, and the drift",
            description = "Requires realm role access-admin. Drift is a change made in Keycloak behind Twinledger's"
                    + " back (or a user Keycloak does not know); the sync leaves it alone until the directory and"
                    + " Keycloak agree again or an overwrite is requested.")
    @ApiResponse(responseCode = "200", description = "The report")
    public KeycloakSyncReport report() {
        KeycloakSyncStore.PushedCounts pushed = store.pushedCounts();
        return new KeycloakSyncReport(settings.enabled(), settings.parentGroup(), settings.interval().toString(), store.lastRun().orElse(null),
                new KeycloakSyncReport.Pushed(pushed.groups(), pushed.memberships()), store.drift());
    }

    @PostMapping(path = "/overwrites", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Let the directory win over one drift item at the next run",
            description = "Requires realm role access-admin. The next run pushes the directory's state over what"
                    + " Keycloak has for this item: removes a member added in Keycloak, adds back one removed there,"
                    + " creates a deleted group again with its members. The item then disappears from the report.")
    @ApiResponse(responseCode = "202", description = "Recorded; the item as now stored")
    @ApiResponse(responseCode = "400", description = "Malformed body")
    @ApiResponse(responseCode = "404", description = "No such drift item")
    @ApiResponse(responseCode = "409", description = "The item's kind cannot be overwritten (a group made in"
            + " Keycloak, a user Keycloak does not know)")
    public DriftView overwrite(@Valid @RequestBody OverwriteRequest body, Authentication authentication) {
        String who = Caller.of(authentication).username();
        try {
            return store.requestOverwrite(body.group(), body.username(), who, clock.instant())
                    .orElseThrow(() -> ApiException.notFound("No drift item for group " + body.group()
                            + (body.username() == null ? "" : " and user " + body.username())));
        } catch (KeycloakSyncStore.NotOverwritable e) {
            throw ApiException.conflict(e.getMessage() + ": " + resolution(body));
        }
    }

    private static String resolution(OverwriteRequest body) {
        return body.username() == null
                ? "create group " + body.group() + " in the directory, or delete it in Keycloak"
                : "create user " + body.username() + " in Keycloak, or end the membership in the directory";
    }
}
