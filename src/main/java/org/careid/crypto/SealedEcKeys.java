package org.careid.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * P-256 signing keys stored in the database: the private half sealed with the master key (bound to
 * the key's purpose and id by the associated data), the public half as an ES256 JWK. The token
 * signing keys and the audit checkpoint keys are both kept this way.
 */
@ApplicationScoped
public class SealedEcKeys {
    private final Envelope envelope;

    SealedEcKeys(Envelope envelope) {
        this.envelope = envelope;
    }

    /** A new key as it is stored: the sealed PKCS#8 private key and the public JWK (kid, use sig, ES256). */
    public record Stored(byte[] sealedPrivateKey, String publicJwk) {
    }

    public Stored generate(String kid, String associatedData) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("ES256");
            return new Stored(envelope.seal(pair.getPrivate().getEncoded(), associatedData),
                    jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate a P-256 key", e);
        }
    }

    /**
     * Opens a stored key.
     *
     * @throws Envelope.TamperedDataException when the private half is not sealed under this master key for this purpose
     * @throws GeneralSecurityException       when either half is not a valid key
     */
    public KeyPair open(byte[] sealedPrivateKey, String publicJwk, String associatedData) throws GeneralSecurityException {
        byte[] pkcs8 = envelope.open(sealedPrivateKey, associatedData);
        PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        try {
            PublicKey publicKey = PublicJsonWebKey.Factory.newPublicJwk(publicJwk).getPublicKey();
            return new KeyPair(publicKey, privateKey);
        } catch (JoseException e) {
            throw new GeneralSecurityException("stored public key is not a JWK", e);
        }
    }
}
