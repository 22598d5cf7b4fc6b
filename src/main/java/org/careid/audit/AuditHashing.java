package org.careid.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two links of every entry. {@link #hash} is SHA-256 over the entry's canonical form, which
 * includes its sequence number and the previous entry's hash: anyone holding an export can
 * recompute it (the offline verifier does). {@link #mac} is HMAC-SHA-256, under a key derived from
 * the master key, over the sequence number, that hash and the previous entry's MAC: recomputing it
 * after an edit needs the key, which is never in the database. The head row carries a MAC too, so
 * rewinding the head to hide a cut tail needs the key as well.
 *
 * <p>Not thread-safe: one instance per thread (it reuses its digest and MAC engines).
 */
public final class AuditHashing {
    public static final String GENESIS = "0".repeat(64);
    /** HKDF purpose of the chain's MAC key. */
    public static final String MAC_KEY_PURPOSE = "careid/audit-chain-mac/v1";
    private static final char SEPARATOR = '\u001f'; // ASCII unit separator: cannot appear in our values
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private final Mac hmac;

    public AuditHashing(byte[] macKey) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 / HMAC-SHA-256 unavailable", e);
        }
    }

    /** The canonical form: every field in a fixed order, joined by the unit separator. */
    public static String canonical(ChainRow e) {
        return String.join(String.valueOf(SEPARATOR),
                Long.toString(e.seq()), e.occurredAt().toString(), e.actorType(), nz(e.actorId()), e.action(),
                nz(e.targetType()), nz(e.targetId()), e.outcome(), nz(e.sourceAddress()), e.detail(), e.prevHash());
    }

    public String hash(ChainRow e) {
        return HEX.formatHex(sha256.digest(canonical(e).getBytes(StandardCharsets.UTF_8)));
    }

    public String mac(long seq, String hash, String prevMac) {
        return hmacHex("e" + SEPARATOR + seq + SEPARATOR + hash + SEPARATOR + prevMac);
    }

    public String headMac(long lastSeq, String lastHash, String lastMac, long keyedFrom, long lastCheckpoint) {
        return hmacHex("h" + SEPARATOR + lastSeq + SEPARATOR + lastHash + SEPARATOR + nz(lastMac)
                + SEPARATOR + keyedFrom + SEPARATOR + lastCheckpoint);
    }

    /** SHA-256 hex of a string (checkpoints link to their predecessor's JWS this way). */
    public static String sha256Hex(String s) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex strings (either may be null). */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    private String hmacHex(String input) {
        return HEX.formatHex(hmac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
