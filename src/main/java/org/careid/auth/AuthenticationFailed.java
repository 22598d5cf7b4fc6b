package org.careid.auth;

import java.util.Map;

import org.careid.web.ApiException;
import org.careid.web.Problem;

/**
 * The one answer to every failed authentication at a device: 401, the same words whether the
 * person is unknown, locked out, or merely not recognised, so nobody learns who was close.
 * The only extra is {@code second_factor_required}, which tells the clinician what to do next
 * without naming anyone.
 */
final class AuthenticationFailed {
    private AuthenticationFailed() {}

    static ApiException generic() {
        return new ApiException(Problem.of(401, "Authentication failed", "The person could not be authenticated at this device"));
    }

    static ApiException secondFactorRequired(String why) {
        return new ApiException(new Problem("about:blank", "Authentication failed", 401,
                "A second factor is required: " + why, null, Map.of("second_factor_required", true)));
    }
}
