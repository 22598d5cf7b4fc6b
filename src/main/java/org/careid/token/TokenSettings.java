package org.careid.token;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Token lifetimes and verification tolerances ({@code careid.token.*}). */
@ConfigMapping(prefix = "careid.token")
public interface TokenSettings {
    /** Lifetime of access tokens; capped at {@link #MAX_LIFETIME}. */
    @WithDefault("PT120S")
    Duration lifetime();

    /** Lifetime of operator (kiosk/admin console) tokens. */
    @WithDefault("PT15M")
    Duration operatorLifetime();

    /** Clock skew tolerated on exp/nbf/iat of tokens, assertions and proofs. */
    @WithDefault("PT10S")
    Duration clockSkew();

    /** How long one signing key signs before the scheduled rotation replaces it. */
    @WithDefault("P30D")
    Duration keyRotationPeriod();

    /** How long an introspection answer "active" may be served from memory on one replica. */
    @WithDefault("PT2S")
    Duration activeCacheTtl();

    /** Resource audiences added to every access token besides the device id. */
    @WithDefault("careid-resources")
    java.util.List<String> resourceAudiences();

    Duration MAX_LIFETIME = Duration.ofSeconds(300);

    default Duration effectiveLifetime() {
        return lifetime().compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime();
    }

    /** The longest any token signed by a key can stay valid: keep the key published that long. */
    default Duration longestTokenLife() {
        Duration longest = operatorLifetime().compareTo(effectiveLifetime()) > 0 ? operatorLifetime() : effectiveLifetime();
        return longest.plus(clockSkew());
    }
}
