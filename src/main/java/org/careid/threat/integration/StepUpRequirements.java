package org.careid.threat.integration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.careid.auth.StepUpPolicy;
import org.careid.threat.alert.AlertResponse;
import org.careid.threat.response.ResponseAction;

/**
 * Whether a staff member must present two factors for every scope right now: the threat package's
 * side of the authentication flow's {@link StepUpPolicy} port. The source of truth
 * is the recorded automatic response itself: an applied (not reversed) STEP_UP response for the
 * person whose period has not ended. Stored in the database, so every replica agrees, an ADMIN's
 * reversal lifts it at once, and it ends by itself when the period runs out.
 */
@ApplicationScoped
public class StepUpRequirements implements StepUpPolicy {

    /** Joins the caller's transaction (the authentication flow's grant), or runs in its own. */
    @Override
    @Transactional
    public boolean isRequired(UUID staffId) {
        if (staffId == null) {
            return false;
        }
        // find + first (not count): a count query is rebuilt on every call, this one is plan-cached
        return AlertResponse.find("action = ?1 and targetId = ?2 and outcome = ?3 and until > ?4",
                ResponseAction.STEP_UP, staffId, AlertResponse.APPLIED, Instant.now()).firstResultOptional().isPresent();
    }
}
