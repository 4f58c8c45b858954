package dev.twinledger.support.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;

/**
 * Records a request that was authenticated but refused. The default logs it; a service may provide its own bean
 * (for example one that stores the attempt as an event) and it replaces the default.
 */
public interface DeniedAttemptRecorder {

    /**
     * Called once per refused request, before the 403 is written. Must not throw.
     *
     * @param caller  who tried
     * @param request the refused request
     * @param reason  what was missing, in words
     */
    void record(Authentication caller, HttpServletRequest request, String reason);
}
