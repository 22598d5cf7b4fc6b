package org.careid.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened, before it is chained. Build it with {@link #of}, then add actor, target and
 * detail. The detail must never contain secrets, images, templates or embeddings.
 */
public record AuditEvent(String action, Outcome outcome, String actorType, String actorId,
                         String targetType, String targetId, String sourceAddress, Map<String, Object> detail) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    public static AuditEvent of(String action, Outcome outcome) {
        return new AuditEvent(action, outcome, "SYSTEM", null, null, null, null, Map.of());
    }

    public AuditEvent actor(String type, Object id) {
        return new AuditEvent(action, outcome, type, str(id), targetType, targetId, sourceAddress, detail);
    }

    public AuditEvent target(String type, Object id) {
        return new AuditEvent(action, outcome, actorType, actorId, type, str(id), sourceAddress, detail);
    }

    public AuditEvent source(String address) {
        return new AuditEvent(action, outcome, actorType, actorId, targetType, targetId, address, detail);
    }

    public AuditEvent detail(String key, Object value) {
        Map<String, Object> more = new TreeMap<>(detail);
        more.put(key, value);
        return new AuditEvent(action, outcome, actorType, actorId, targetType, targetId, sourceAddress, more);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
