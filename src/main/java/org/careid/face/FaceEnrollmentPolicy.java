package org.careid.face;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether face enrollment needs the live head-turn challenge ({@code careid.face.enrollment.challenge-required},
 * default on): then the samples come only from the verified frontal frames of a challenge burst at the
 * kiosk, so a photo held up to the kiosk camera or uploaded cannot become a template; still photos are
 * refused with 409 {@code live-capture-required}. Off, photos are accepted as before (each still passes
 * the passive check), e.g. to migrate templates from another system.
 */
@ApplicationScoped
public class FaceEnrollmentPolicy {
    private final boolean challengeRequired;

    @Inject
    FaceEnrollmentPolicy(@ConfigProperty(name = "careid.face.enrollment.challenge-required", defaultValue = "true")
                         boolean challengeRequired) {
        this.challengeRequired = challengeRequired;
    }

    public boolean challengeRequired() {
        return challengeRequired;
    }

    /** Refuses enrollment from still photos while the challenge is required. */
    public void requireStillsAllowed() {
        if (challengeRequired) {
            throw new ApiException(Problem.of(ProblemType.LIVE_CAPTURE_REQUIRED,
                    "Face samples are taken from a live head turn at the kiosk (POST /api/v1/staff/{id}/faces/challenge, "
                            + "then /burst); enrollment from still photos is off (careid.face.enrollment.challenge-required)"));
        }
    }
}
