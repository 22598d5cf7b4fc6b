package org.careid.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A signed statement "the chain had {@code entryCount} entries and its head hash was
 * {@code headHash} at {@code time}", linked to the checkpoint before it by the SHA-256 of that
 * checkpoint's JWS (as Certificate Transparency's signed tree heads, RFC 9162, are kept by
 * monitors). It is a compact JWS, ES256, header {@code typ = careid-audit-checkpoint}, so anyone
 * with the published public key can check it with nothing but a JDK.
 *
 * <p>{@code headHash} is the unkeyed SHA-256 link, so an export alone proves that its entries are
 * the ones the checkpoint saw; {@code keyedFrom} (where the MAC chain starts) is signed so that the
 * MACs of later entries cannot be stripped to pass them off as older, unkeyed ones.
 */
public record Checkpoint(long seq, String headHash, long entryCount, long keyedFrom, Instant time,
                         String previous, long previousSeq, String kid, String jws) {
    public static final String TYPE = "careid-audit-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A checkpoint that does not parse: garbage rather than a checkpoint with a bad signature. */
    public static class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    /** Signs a new checkpoint after {@code previous} (null for the first). */
    public static Checkpoint sign(long seq, String headHash, long keyedFrom, Instant time, Checkpoint previous,
                                  String kid, PrivateKey key) {
        String prevDigest = previous == null ? AuditHashing.GENESIS : AuditHashing.sha256Hex(previous.jws());
        long prevSeq = previous == null ? 0 : previous.seq();
        // Fixed field order and only digits, hex, ISO instants and key ids: canonical without a library.
        String payload = "{\"v\":1,\"seq\":" + seq + ",\"headHash\":\"" + headHash + "\",\"entryCount\":" + seq
                + ",\"keyedFrom\":" + keyedFrom + ",\"time\":\"" + time + "\",\"previous\":\"" + prevDigest
                + "\",\"previousSeq\":" + prevSeq + "}";
        String header = "{\"alg\":\"ES256\",\"typ\":\"" + TYPE + "\",\"kid\":\"" + kid + "\"}";
        String input = b64(header) + "." + b64(payload);
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            String jws = input + "." + B64.encodeToString(s.sign());
            return new Checkpoint(seq, headHash, seq, keyedFrom, time, prevDigest, prevSeq, kid, jws);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an audit checkpoint", e);
        }
    }

    /** Reads a checkpoint without checking its signature (see {@link #signedBy}). */
    public static Checkpoint parse(String jws) {
        if (jws == null) {
            throw new MalformedException("no checkpoint");
        }
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new MalformedException("a checkpoint is a compact JWS with three parts");
        }
        try {
            JsonNode header = JSON.readTree(B64D.decode(parts[0]));
            JsonNode p = JSON.readTree(B64D.decode(parts[1]));
            if (!"ES256".equals(header.path("alg").asText()) || !TYPE.equals(header.path("typ").asText())
                    || p.path("v").asInt() != 1) {
                throw new MalformedException("not an ES256 " + TYPE + " version 1");
            }
            return new Checkpoint(p.get("seq").asLong(), p.get("headHash").asText(), p.get("entryCount").asLong(),
                    p.get("keyedFrom").asLong(), Instant.parse(p.get("time").asText()), p.get("previous").asText(),
                    p.get("previousSeq").asLong(), header.path("kid").asText(), jws);
        } catch (MalformedException e) {
            throw e;
        } catch (Exception e) {
            throw new MalformedException("the checkpoint does not decode: " + e.getClass().getSimpleName());
        }
    }

    /** True when the JWS signature verifies under the key. */
    public boolean signedBy(PublicKey key) {
        if (key == null) {
            return false;
        }
        int dot = jws.lastIndexOf('.');
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initVerify(key);
            s.update(jws.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
            return s.verify(B64D.decode(jws.substring(dot + 1)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** True when this checkpoint names {@code before} as its predecessor (null = it is the first). */
    public boolean follows(Checkpoint before) {
        return before == null
                ? previousSeq == 0 && AuditHashing.GENESIS.equals(previous)
                : previousSeq == before.seq() && previous.equals(AuditHashing.sha256Hex(before.jws()));
    }

    private static String b64(String s) {
        return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
