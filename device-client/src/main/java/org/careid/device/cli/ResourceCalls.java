package org.careid.device.cli;

import com.nimbusds.jwt.SignedJWT;
import org.careid.device.CareIdException;
import org.careid.device.DeviceKeyStore;
import org.careid.device.Failure;
import org.careid.device.Introspection;

import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Uses a token on a protected resource and, when the resource only says "invalid token", finds out
 * why, so the device can tell the clinician: a token bound to another device's key stays "invalid"
 * (the server's introspection calls such a token inactive for this device, which is not a
 * revocation); otherwise introspection tells whether the token was revoked.
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
            String ownThumbprint = DeviceKeyStore.thumbprint(context.deviceKey());
            if (boundThumbprint(token).filter(jkt -> !jkt.equals(ownThumbprint)).isPresent()) {
                throw new CareIdException(Failure.TOKEN_INVALID, refused.getMessage()
                        + "; the token is bound to another device's key (cnf.jkt), so it is useless on this device",
                        refused.httpStatus(), refused.problem().orElse(null), refused);
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

    /** The token's cnf.jkt, read without verifying (only to explain a refusal the server already gave). */
    private static Optional<String> boundThumbprint(String token) {
        try {
            Object cnf = SignedJWT.parse(token.trim()).getJWTClaimsSet().getClaim("cnf");
            return cnf instanceof Map<?, ?> map && map.get("jkt") != null
                    ? Optional.of(map.get("jkt").toString()) : Optional.empty();
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
