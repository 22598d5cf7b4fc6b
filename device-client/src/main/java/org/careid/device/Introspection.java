package org.careid.device;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An RFC 7662 introspection answer: {@code active} and, for an active token, its claims. */
public record Introspection(boolean active, Map<String, Object> claims) {

    public Optional<String> scope() {
        return Optional.ofNullable(claims.get("scope")).map(Object::toString);
    }

    public Optional<String> subject() {
        return Optional.ofNullable(claims.get("sub")).map(Object::toString);
    }

    public Optional<Instant> expiresAt() {
        return claims.get("exp") instanceof Number n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }
}
