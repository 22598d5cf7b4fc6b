package org.careid.auth;

import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;

/**
 * The one answer to every failed authentication at a device: 401 {@code authentication-failed},
 * the same words whether the person is unknown, locked out, or merely not recognised, so nobody
 * learns who was close. The only other answer is {@code second-factor-required} (with the member
 * {@code second_factor_required}), which tells the clinician what to do next without naming anyone,
 * and {@code challenge-required} (member {@code challenge_required}): the scope needs a live head
 * turn at this device, or another factor.
 */
final class AuthenticationFailed {
    private AuthenticationFailed() {}

    static ApiException generic() {
        return new ApiException(ProblemType.AUTHENTICATION_FAILED, "The person could not be authenticated at this device");
    }

    static ApiException challengeRequired() {
        return new ApiException(Problem.of(ProblemType.CHALLENGE_REQUIRED,
                        "The requested access needs the face challenge at this device (POST /api/v1/auth/face/challenge), "
                                + "or a fingerprint, or a second factor")
                .with("challenge_required", true));
    }

    static ApiException secondFactorRequired(String why) {
        return new ApiException(Problem.of(ProblemType.SECOND_FACTOR_REQUIRED, "A second factor is required: " + why)
                .with("second_factor_required", true));
    }

    /** The same, with a stable {@code reason} the device can act on (e.g. {@code MASKED}, {@code TWO_FACTOR_SCOPE}). */
    static ApiException secondFactorRequired(String why, String reason) {
        return new ApiException(Problem.of(ProblemType.SECOND_FACTOR_REQUIRED, "A second factor is required: " + why)
                .with("second_factor_required", true).with("reason", reason));
    }
}
