package dev.twinledger.commandside.command;

import dev.twinledger.api.EventMetadata;
import dev.twinledger.api.access.AccessDenied;
import dev.twinledger.commandside.authorization.DenialRecorder;
import dev.twinledger.support.security.Caller;
import dev.twinledger.support.security.DeniedAttemptRecorder;
import dev.twinledger.support.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

import java.util.HashMap;
import java.util.Map;

/**
 * Stores a request refused at the coarse realm-role gate (the security filter chain, before any command is built) as
 * an {@link AccessDenied} event with rule {@value #RULE}, so auditors see these attempts with the others. Such a
 * refusal is about a role, not a permission on a resource: the event's permission, resource and scope fields are
 * null, and its reason names the role that was missing.
 */
public final class StoredDeniedAttempts implements DeniedAttemptRecorder {

    /** The rule name of a refusal by realm role. */
    public static final String RULE = "realm-role";

    private final DenialRecorder denials;
    private final String siteId;

    /**
     * @param denials stores the events
     * @param siteId  this command side's site, recorded as the handling site
     */
    public StoredDeniedAttempts(DenialRecorder denials, String siteId) {
        this.denials = denials;
        this.siteId = siteId;
    }

    @Override
    public void record(Authentication caller, HttpServletRequest request, String reason) {
        Caller who = Caller.of(caller);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(EventMetadata.ACTOR_SUBJECT, who.subject());
        metadata.put(EventMetadata.ACTOR_USERNAME, who.username());
        metadata.put(EventMetadata.HANDLING_SITE, siteId);
        metadata.put(EventMetadata.CORRELATION_ID, CorrelationIdFilter.of(request));
        denials.record(new AccessDenied(who.username(), null, null, null, null, null, null, RULE, reason, null,
                request.getMethod() + " " + request.getRequestURI()), metadata);
    }
}
