package org.careid.device.cli;

import org.careid.device.CareIdException;
import org.careid.device.Failure;
import org.careid.device.Introspection;

import java.util.function.Supplier;

/**
 * Uses a token on a protected resource and, when the resource only says "invalid token", asks
 * introspection whether the token was revoked, so the device can tell the clinician why.
 */
final class ResourceCalls {
    private ResourceCalls() {
    }

    static String present(DeviceContext context, String token, Supplier<String> call) {
        try {
            return call.get();
        } catch (CareIdException refused) {
            if (refused.failure() != Failure.TOKEN_INVALID) {
                throw refused;
            }
            Introspection introspection;
            try {
                introspection = context.client().introspect(token);
            } catch (CareIdException e) {
                throw refused;
            }
            if (!introspection.active()) {
                throw new CareIdException(Failure.TOKEN_REVOKED, refused.getMessage()
                        + "; the server says the token is no longer active (revoked, or its staff member or device was suspended)",
                        refused.httpStatus(), refused.problem().orElse(null), refused);
            }
            throw refused;
        }
    }
}
