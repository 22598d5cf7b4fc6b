package org.careid.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical form of an entry and its SHA-256 link hash. Every field, including the previous
 * entry's hash and the sequence number, goes into the hash, so editing, deleting or reordering
 * any entry breaks the chain at that point.
 */
final class AuditHashing {
    static final String GENESIS = "0".repeat(64);
    private static final char SEPARATOR = '\u001f'; // ASCII unit separator: cannot appear in our values

    private AuditHashing() {}

    static String hash(AuditEntry e) {
        String canonical = String.join(String.valueOf(SEPARATOR),
                Long.toString(e.seq), e.occurredAt.toString(), e.actorType, nz(e.actorId), e.action,
                nz(e.targetType), nz(e.targetId), e.outcome, nz(e.sourceAddress), e.detail, e.prevHash);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
