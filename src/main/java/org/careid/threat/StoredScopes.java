package org.careid.threat;

import java.util.Set;
import java.util.TreeSet;

/** Scopes as the threat tables store them: space-separated, sorted, at most 1,000 characters. */
public final class StoredScopes {
    private static final int MAX = 1000;

    private StoredScopes() {}

    public static String join(Set<String> scopes) {
        String joined = String.join(" ", new TreeSet<>(scopes));
        return joined.length() <= MAX ? joined : joined.substring(0, MAX);
    }

    public static Set<String> split(String stored) {
        return stored == null || stored.isBlank() ? Set.of() : Set.of(stored.split(" "));
    }
}
