package org.careid.auth;

import java.util.UUID;

/**
 * Whether a staff member must present two factors for every scope right now (a response to
 * suspicious activity). Implemented by threat detection; the authentication flow only asks.
 */
public interface StepUpPolicy {
    /** Joins the caller's transaction when there is one. False for a null id. */
    boolean isRequired(UUID staffId);
}
