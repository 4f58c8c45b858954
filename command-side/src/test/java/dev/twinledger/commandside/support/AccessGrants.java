package dev.twinledger.commandside.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twinledger.commandside.authorization.AccessLookup;
import dev.twinledger.policies.grant.GrantStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Grants roles through the access REST API, as a person setting up the directory would: the bootstrap admin
 * {@value #ADMIN} requests, and the second bootstrap admin {@value #APPROVER} approves what needs a second person
 * (both configured in the command side's test configuration), for tests that give and take particular grants
 * ({@link RunningCommandSide} already gives the realm-role test users their namesake roles everywhere).
 */
public final class AccessGrants {

    /** The bootstrap admin who requests grants ({@code Tokens.withRealmRole("access-admin")}). */
    public static final String ADMIN = RunningCommandSide.FIRST_ADMIN;
    /** The second bootstrap admin, who approves privileged grants. */
    public static final String APPROVER = RunningCommandSide.SECOND_ADMIN;

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessGrants() {
    }

    /**
     * Grants {@code role} to user {@code username} on {@code scopeJson} (a JSON object such as
     * {@code {"siteId": "dc1", "environment": "PROD"}}, or null for everywhere) under id {@code grantId}, approving it
     * (as {@value #APPROVER}) when it awaits approval; an existing grant of that id is left as it is.
     *
     * @return the position of the last event stored for it (request or approval), or -1 when it existed already
     */
    public static long grant(RunningCommandSide service, String grantId, String username, String role,
                             String scopeJson) {
        String body = """
                {"grantId": "%s", "principal": {"kind": "USER", "id": "%s"}, "role": "%s",%s
                 "justification": "integration test caller"}""".formatted(grantId, username, role,
                scopeJson == null ? "" : " \"scope\": " + scopeJson + ",");
        MockHttpServletResponse requested = perform(service, "/api/access/grants", ADMIN, body);
        if (requested.getStatus() == 409 && requested.getContentAsByteArray().length > 0
                && text(requested).contains("already exists")) {
            return -1;
        }
        JsonNode answer = expect(requested, 201, "requesting grant " + grantId);
        // The command side's own consistent view of the directory says whether it waits for a second person.
        boolean pending = service.bean(AccessLookup.class).current().current().grant(grantId)
                .map(grant -> grant.status() == GrantStatus.PENDING_APPROVAL).orElse(false);
        if (!pending) {
            return answer.get("position").asLong();
        }
        MockHttpServletResponse approved = perform(service, "/api/access/grants/" + grantId + "/approve", APPROVER,
                null);
        return expect(approved, 200, "approving grant " + grantId).get("position").asLong();
    }

    /** Revokes {@code grantId} as {@value #ADMIN}; answers the revocation's position. */
    public static long revoke(RunningCommandSide service, String grantId) {
        MockHttpServletResponse revoked = perform(service, "/api/access/grants/" + grantId + "/revoke", ADMIN, """
                {"reason": "revoked by an integration test"}""");
        return expect(revoked, 200, "revoking grant " + grantId).get("position").asLong();
    }

    private static MockHttpServletResponse perform(RunningCommandSide service, String path, String caller,
                                                   String body) {
        try {
            var request = post(path).with(Tokens.asUser(caller));
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).content(body);
            }
            return service.mvc().perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    private static JsonNode expect(MockHttpServletResponse response, int status, String what) {
        String text = text(response);
        if (response.getStatus() != status) {
            throw new AssertionError(what + " answered " + response.getStatus() + ": " + text);
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(what + " answered no JSON: " + text, e);
        }
    }

    private static String text(MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
