package org.careid.device;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DpopProofsTest {
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    private final ECKey key = DeviceKeyStore.generate("device-1");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final DpopProofs proofs = new DpopProofs(key, clock);

    @Test
    void proofHeaderCarriesTypeAlgorithmAndOnlyThePublicKey() throws Exception {
        SignedJWT proof = SignedJWT.parse(proofs.create("get", URI.create("https://careid.test/demo/patients/p-1"), TOKEN));

        assertEquals("dpop+jwt", proof.getHeader().getType().getType());
        assertEquals(JWSAlgorithm.ES256, proof.getHeader().getAlgorithm());
        ECKey headerKey = (ECKey) proof.getHeader().getJWK();
        assertFalse(headerKey.isPrivate());
        assertEquals(DeviceKeyStore.thumbprint(key), headerKey.computeThumbprint().toString());
        assertEquals(proofs.thumbprint(), headerKey.computeThumbprint().toString());
        assertTrue(proof.verify(new ECDSAVerifier(headerKey)));
        assertTrue(proof.verify(new ECDSAVerifier(key.toPublicJWK())));
    }

    @Test
    void claimsNameTheRequestAndHashTheToken() throws Exception {
        URI uri = URI.create("https://careid.test:8443/demo/devices/d%201/unlock?x=1#frag");
        JWTClaimsSet claims = SignedJWT.parse(proofs.create("post", uri, TOKEN)).getJWTClaimsSet();

        assertEquals("POST", claims.getStringClaim("htm"));
        assertEquals("https://careid.test:8443/demo/devices/d%201/unlock", claims.getStringClaim("htu"));
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), claims.getIssueTime().toInstant());
        assertNotNull(claims.getJWTID());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.US_ASCII));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), claims.getStringClaim("ath"));
    }

    @Test
    void aProofForAnotherTokenHasAnotherAth() throws Exception {
        URI uri = URI.create("https://careid.test/demo/patients/p-1");
        String ath1 = SignedJWT.parse(proofs.create("GET", uri, TOKEN)).getJWTClaimsSet().getStringClaim("ath");
        String ath2 = SignedJWT.parse(proofs.create("GET", uri, TOKEN + "x")).getJWTClaimsSet().getStringClaim("ath");
        assertFalse(ath1.equals(ath2));
    }

    @Test
    void everyProofHasItsOwnJti() throws Exception {
        Set<String> ids = new HashSet<>();
        URI uri = URI.create("https://careid.test/demo/patients/p-1");
        for (int i = 0; i < 200; i++) {
            ids.add(SignedJWT.parse(proofs.create("GET", uri, TOKEN)).getJWTClaimsSet().getJWTID());
        }
        assertEquals(200, ids.size());
    }
}
