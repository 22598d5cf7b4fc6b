package org.careid.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.events.SecurityEvents;
import org.careid.events.TokenMisuseKind;
import org.careid.identity.Caller;
import org.careid.identity.Device;
import org.careid.identity.DeviceService;
import org.careid.identity.OneTimeIds;
import org.careid.identity.StaffMember;
import org.careid.identity.StaffService;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Decides whether an access token is active right now (RFC 7662): signature and header checks,
 * issuer, audience, time with bounded skew, revocation, the staff member and device still active,
 * the caller being the device the token is bound to, and, when given, the proof of possession.
 * Only "active" answers are cached, and only for a few seconds.
 */
@ApplicationScoped
public class Introspection {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Introspection.class);
    public static final Map<String, Object> INACTIVE = Map.of("active", false);

    /** The request beside the token: an optional proof and one-time use. */
    public record Presentation(String dpopProof, String method, String url, boolean consumeOnce) {
        public static final Presentation NONE = new Presentation(null, null, null, false);
    }

    /**
     * The verdict: the claims when active, else the typed reason (for the audit, threat detection and
     * a resource server's problem type; an RFC 7662 client only ever sees {@code active: false}).
     * {@code reason} adds the verifier's words to an {@link TokenFailure#INVALID} for the audit.
     */
    public record Verdict(AccessTokenClaims claims, TokenFailure failure, String reason) {
        static Verdict active(AccessTokenClaims claims) {
            return new Verdict(claims, null, null);
        }

        static Verdict refused(AccessTokenClaims claims, TokenFailure failure) {
            return new Verdict(claims, failure, failure.description());
        }

        public boolean active() {
            return failure == null;
        }

        public Map<String, Object> asResponse() {
            return active() ? claims.asIntrospection() : INACTIVE;
        }
    }

    private final JwtVerifier verifier;
    private final KeyRing keyRing;
    private final TokenSettings settings;
    private final VerifiedTokenCache cache;
    private final Revocations revocations;
    private final ProofOfPossession proofs;
    private final Caller caller;
    private final SecurityEvents events;
    private final Counter activeCounter;
    private final Counter inactiveCounter;

    @Inject
    Introspection(JwtVerifier verifier, KeyRing keyRing, TokenSettings settings, VerifiedTokenCache cache,
                  Revocations revocations, ProofOfPossession proofs, Caller caller, SecurityEvents events,
                  MeterRegistry registry) {
        this.verifier = verifier;
        this.keyRing = keyRing;
        this.settings = settings;
        this.cache = cache;
        this.revocations = revocations;
        this.proofs = proofs;
        this.caller = caller;
        this.events = events;
        activeCounter = registry.counter("careid.tokens.introspected", "active", "true");
        inactiveCounter = registry.counter("careid.tokens.introspected", "active", "false");
    }

    public Verdict introspect(String token, Presentation presentation) {
        Verdict verdict = decide(token, presentation);
        (verdict.active() ? activeCounter : inactiveCounter).increment();
        if (!verdict.active()) {
            LOG.debugf("Token inactive: %s", verdict.reason());
            caller.audit(AuditEvent.of("TOKEN_INTROSPECTION_FAILED", AuditEvent.Outcome.DENIED)
                    .target("TOKEN", verdict.claims() == null ? null : verdict.claims().jti())
                    .detail("reason", verdict.reason()));
            reportMisuse(verdict);
        }
        return verdict;
    }

    /** Token misuse (wrong device, replay, revoked, failed proof) is published as a security event. */
    private void reportMisuse(Verdict verdict) {
        TokenMisuseKind misuse = verdict.failure().misuse();
        if (misuse == null || verdict.claims() == null) {
            return;
        }
        // the presenting device: the calling device, or for a resource server the bound device
        UUID presenter = caller.isDevice() ? caller.uuid() : verdict.claims().deviceId();
        events.publish(AuthEventRecord.builder(AuthEventKind.TOKEN_MISUSE, Instant.now())
                .staff(verdict.claims().staffId()).device(presenter, null, null).misuse(misuse)
                .outcome(misuse.name()));
    }

    private Verdict decide(String token, Presentation presentation) {
        VerifiedTokenCache.Entry entry = cache.get(token);
        if (entry == null) {
            try {
                JsonWebToken jwt = verifier.verify(token, "at+jwt", audienceAny());
                entry = cache.put(token, toClaims(jwt, JwtVerifier.header(token).path("kid").asText()));
            } catch (JwtVerifier.InvalidTokenException e) {
                return new Verdict(null, TokenFailure.INVALID, e.getMessage());
            }
        }
        AccessTokenClaims claims = entry.claims;
        if (keyRing.verificationKey(claims.kid()) == null) {
            cache.forget(claims.jti());
            return Verdict.refused(claims, TokenFailure.SIGNING_KEY_RETIRED);
        }
        long skew = settings.clockSkew().toSeconds();
        Instant now = Instant.now();
        if (now.isAfter(claims.expiresAt().plusSeconds(skew))) {
            return Verdict.refused(claims, TokenFailure.EXPIRED);
        }
        if (now.plusSeconds(skew).isBefore(claims.notBefore())) {
            return Verdict.refused(claims, TokenFailure.NOT_YET_VALID);
        }
        if (caller.isDevice() && (!claims.deviceId().toString().equals(caller.id()) || !claims.jkt().equals(caller.jwkThumbprint()))) {
            return Verdict.refused(claims, TokenFailure.BOUND_TO_OTHER_DEVICE);
        }
        if (System.nanoTime() - entry.liveUntilNanos > 0) {
            TokenFailure dead = liveness(claims);
            if (dead != null) {
                return Verdict.refused(claims, dead);
            }
            entry.liveUntilNanos = System.nanoTime() + settings.activeCacheTtl().toNanos();
        }
        if (presentation.dpopProof() != null) {
            TokenFailure bad = proofs.check(presentation.dpopProof(), token, claims.jkt(), presentation.method(), presentation.url());
            if (bad != null) {
                return Verdict.refused(claims, bad);
            }
        }
        if (presentation.consumeOnce() && !consumeOnce(claims)) {
            return Verdict.refused(claims, TokenFailure.ONE_TIME_TOKEN_REPLAYED);
        }
        return Verdict.active(claims);
    }

    /** Uses up a one-time token (unlock actions): true the first time, false on every replay. */
    public boolean consumeOnce(AccessTokenClaims claims) {
        return OneTimeIds.consume("consumed_jti", "once:" + claims.jti(), claims.expiresAt().plus(settings.clockSkew()));
    }

    private TokenFailure liveness(AccessTokenClaims claims) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            TokenFailure revoked = revocations.revokedBecause(claims);
            if (revoked != null) {
                return revoked;
            }
            StaffMember staff = StaffMember.findById(claims.staffId());
            if (staff == null || !staff.active) {
                return TokenFailure.STAFF_INACTIVE;
            }
            Device device = Device.findById(claims.deviceId());
            if (device == null || device.status != Device.Status.ACTIVE) {
                return TokenFailure.DEVICE_INACTIVE;
            }
            if (!claims.jkt().equals(device.jwkThumbprint)) {
                return TokenFailure.DEVICE_KEY_CHANGED;
            }
            return null;
        });
    }

    private String audienceAny() {
        return settings.resourceAudiences().get(0);
    }

    private static AccessTokenClaims toClaims(JsonWebToken jwt, String kid) throws JwtVerifier.InvalidTokenException {
        try {
            String jkt = confirmationThumbprint(jwt.getClaim("cnf"));
            if (jkt == null) {
                throw new JwtVerifier.InvalidTokenException("token not bound to a key");
            }
            List<String> amr = stringList(jwt.getClaim("amr"));
            Object nbf = jwt.getClaim("nbf");
            long nbfSeconds = nbf instanceof jakarta.json.JsonNumber n ? n.longValue() : jwt.getIssuedAtTime();
            return new AccessTokenClaims(jwt.getTokenID(), UUID.fromString(jwt.getSubject()),
                    UUID.fromString(jwt.<Object>getClaim("device_id").toString().replace("\"", "")),
                    new ArrayList<>(jwt.getAudience()), stringClaim(jwt, "scope"), amr, stringClaim(jwt, "acr"), jkt,
                    Instant.ofEpochSecond(jwt.getIssuedAtTime()), Instant.ofEpochSecond(nbfSeconds),
                    Instant.ofEpochSecond(jwt.getExpirationTime()), jwt.getIssuer(), kid);
        } catch (RuntimeException e) {
            throw new JwtVerifier.InvalidTokenException("claims malformed");
        }
    }

    /** {@code cnf.jkt}, whichever JSON type the parser gave the {@code cnf} object. */
    private static String confirmationThumbprint(Object cnf) {
        if (cnf instanceof jakarta.json.JsonObject o) {
            return o.getString("jkt", null);
        }
        if (cnf instanceof Map<?, ?> m && m.get("jkt") != null) {
            return m.get("jkt").toString();
        }
        if (cnf != null) {
            try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(cnf.toString()))) {
                return reader.readObject().getString("jkt", null);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    private static List<String> stringList(Object claim) {
        List<String> list = new ArrayList<>();
        if (claim instanceof jakarta.json.JsonArray arr) {
            arr.getValuesAs(jakarta.json.JsonString.class).forEach(v -> list.add(v.getString()));
        } else if (claim instanceof java.util.Collection<?> c) {
            c.forEach(v -> list.add(v instanceof jakarta.json.JsonString js ? js.getString() : v.toString()));
        } else if (claim != null) {
            list.add(claim.toString());
        }
        return list;
    }

    private static String stringClaim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v == null) return null;
        return v instanceof jakarta.json.JsonString s ? s.getString() : v.toString();
    }

    void onStaffStatus(@Observes StaffService.StaffStatusChanged event) {
        cache.clear();
    }

    void onDeviceStatus(@Observes DeviceService.DeviceStatusChanged event) {
        cache.clear();
    }
}
