package org.careid.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Proofs of possession (RFC 9449 style) sent with every use of an access token, so a token copied
 * off this device is useless elsewhere: header typ = dpop+jwt, alg = ES256, jwk = the device's
 * public key; claims jti, htm, htu, iat, ath = base64url(SHA-256(access token)).
 */
public final class DpopProofs {
    public static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

    private final ECDSASigner signer;
    private final ECKey publicKey;
    private final Clock clock;

    public DpopProofs(ECKey deviceKey, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicKey = DeviceKeyStore.publicPart(deviceKey);
        try {
            this.signer = new ECDSASigner(deviceKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Not a usable P-256 private key", e);
        }
    }

    /** A new proof for one request ({@code method} and {@code uri}) carrying {@code accessToken}. */
    public String create(String method, URI uri, String accessToken) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .claim("htm", method.toUpperCase(java.util.Locale.ROOT))
                .claim("htu", htu(uri))
                .issueTime(Date.from(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .claim("ath", ath(Objects.requireNonNull(accessToken, "accessToken")))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).jwk(publicKey).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the proof of possession failed", e);
        }
        return jwt.serialize();
    }

    /** The htu claim: the request URI without query and fragment (RFC 9449, section 4.2). */
    public static String htu(URI uri) {
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("Not an absolute request URI: " + uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getRawAuthority() + path;
    }

    /** The ath claim: base64url of the SHA-256 of the access token's ASCII text. */
    public static String ath(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64URL.encode(digest).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** The RFC 7638 thumbprint of the key the proofs carry; tokens bound to it have this cnf.jkt. */
    public String thumbprint() {
        return DeviceKeyStore.thumbprint(publicKey);
    }
}
