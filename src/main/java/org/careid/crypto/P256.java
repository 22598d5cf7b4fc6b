package org.careid.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;

/**
 * The NIST P-256 curve's public checks: whether a point is a valid public key (on the curve, not
 * the point at infinity, coordinates of the right size) and whether an ES256 signature is in its
 * canonical low-S form. ECDSA signatures are malleable: (r, n - s) verifies wherever (r, s) does,
 * so a signed JWT has two valid encodings unless only low S is accepted.
 */
public final class P256 {
    /** Field prime p, curve coefficients a = -3 and b, and the group order n (cofactor 1). */
    static final BigInteger P = new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    static final BigInteger B = new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);
    static final BigInteger N = new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
    private static final BigInteger HALF_N = N.shiftRight(1);
    /** Coordinates and signature halves are 32 bytes each. */
    public static final int FIELD_BYTES = 32;

    private P256() {}

    /**
     * True when (x, y), given as their exact 32-byte big-endian encodings, is a point of P-256 other
     * than the point at infinity. With cofactor 1, every such point lies in the prime-order group.
     */
    public static boolean isValidPublicPoint(byte[] x, byte[] y) {
        if (x == null || y == null || x.length != FIELD_BYTES || y.length != FIELD_BYTES) {
            return false;
        }
        BigInteger px = new BigInteger(1, x);
        BigInteger py = new BigInteger(1, y);
        if (px.signum() == 0 && py.signum() == 0) {
            return false; // the usual encoding of the point at infinity
        }
        if (px.compareTo(P) >= 0 || py.compareTo(P) >= 0) {
            return false;
        }
        BigInteger left = py.multiply(py).mod(P);
        BigInteger right = px.pow(3).add(A.multiply(px)).add(B).mod(P);
        return left.equals(right);
    }

    /** True when the compact JWS carries a 64-byte ES256 signature (r, s) with 0 < r < n and 0 < s <= n/2. */
    public static boolean hasLowS(String compactJws) {
        byte[] signature = signature(compactJws);
        if (signature == null) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, FIELD_BYTES));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, FIELD_BYTES, 2 * FIELD_BYTES));
        return r.signum() > 0 && r.compareTo(N) < 0 && s.signum() > 0 && s.compareTo(HALF_N) <= 0;
    }

    /** The same JWS with its signature in low-S form (n - s replaces a high s); already low: unchanged. */
    public static String withLowS(String compactJws) {
        byte[] signature = signature(compactJws);
        if (signature == null) {
            throw new IllegalArgumentException("not an ES256 compact JWS");
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, FIELD_BYTES, 2 * FIELD_BYTES));
        if (s.compareTo(HALF_N) <= 0) {
            return compactJws;
        }
        return withS(compactJws, signature, N.subtract(s));
    }

    /** The other valid encoding of the same signature, (r, n - s): what an attacker can make of any token. */
    public static String malleated(String compactJws) {
        byte[] signature = signature(compactJws);
        if (signature == null) {
            throw new IllegalArgumentException("not an ES256 compact JWS");
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, FIELD_BYTES, 2 * FIELD_BYTES));
        return withS(compactJws, signature, N.subtract(s));
    }

    private static String withS(String compactJws, byte[] signature, BigInteger s) {
        byte[] out = Arrays.copyOf(signature, 2 * FIELD_BYTES);
        byte[] sBytes = unsigned(s);
        Arrays.fill(out, FIELD_BYTES, 2 * FIELD_BYTES, (byte) 0);
        System.arraycopy(sBytes, 0, out, 2 * FIELD_BYTES - sBytes.length, sBytes.length);
        int lastDot = compactJws.lastIndexOf('.');
        return compactJws.substring(0, lastDot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > FIELD_BYTES ? Arrays.copyOfRange(bytes, bytes.length - FIELD_BYTES, bytes.length) : bytes;
    }

    private static byte[] signature(String compactJws) {
        int lastDot = compactJws == null ? -1 : compactJws.lastIndexOf('.');
        if (lastDot < 0) {
            return null;
        }
        try {
            byte[] signature = Base64.getUrlDecoder().decode(compactJws.substring(lastDot + 1));
            return signature.length == 2 * FIELD_BYTES ? signature : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
