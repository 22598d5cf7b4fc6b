package org.careid.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.LivenessEvidence;
import org.careid.biometric.MatchOutcome;
import org.careid.face.FaceAuthenticator;
import org.careid.fingerprint.FingerprintAuthenticator;
import org.careid.identity.Device;
import org.careid.identity.StaffMember;
import org.careid.token.AccessTokenIssuer;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;
import org.careid.web.RefusalTiming;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The authentication flow at a bedside device: lockout check, each presented biometric scored,
 * fusion into one decision, PIN as a second factor, the policy deciding which requested scopes the
 * verified factors satisfy, then the device-bound token. Failures are one generic 401, counted
 * towards lockout and audited with scores and timings, never with biometric data.
 */
@ApplicationScoped
public class AuthenticationService {
    static final String ACR_ONE_FACTOR = "urn:careid:acr:1f";
    static final String ACR_TWO_FACTORS = "urn:careid:acr:2f";
    private static final String FACE_AMR = "face";

    private final Lockout lockout;
    private final FaceAuthenticator faces;
    private final FingerprintAuthenticator fingerprints;
    private final PinVerifier pins;
    private final AuthPolicy policy;
    private final AccessTokenIssuer issuer;
    private final AuthEvents events;
    private final AuthMetrics metrics;
    private final StepUpPolicy stepUps;
    private final RefusalTiming refusalTiming;

    @Inject
    AuthenticationService(Lockout lockout, FaceAuthenticator faces, FingerprintAuthenticator fingerprints, PinVerifier pins,
                          AuthPolicy policy, AccessTokenIssuer issuer, AuthEvents events, AuthMetrics metrics,
                          StepUpPolicy stepUps, RefusalTiming refusalTiming) {
        this.lockout = lockout;
        this.faces = faces;
        this.fingerprints = fingerprints;
        this.pins = pins;
        this.policy = policy;
        this.issuer = issuer;
        this.events = events;
        this.metrics = metrics;
        this.stepUps = stepUps;
        this.refusalTiming = refusalTiming;
    }

    public AccessTokenIssuer.Issued authenticate(AuthAttempt attempt) {
        return authenticate(attempt, null);
    }

    /**
     * As {@link #authenticate(AuthAttempt)}, with the face taken from a burst of frames answering a
     * head-turn challenge: {@code challengedFace} verifies the burst (nonce, deadline, turn, identity,
     * passive PAD) once the lockout check has passed, and its outcome stands for the face.
     */
    public AccessTokenIssuer.Issued authenticate(AuthAttempt attempt, Supplier<MatchOutcome> challengedFace) {
        long started = System.nanoTime();
        if (!attempt.hasBiometric() && challengedFace == null) {
            throw ApiException.badRequest("Present a face or a fingerprint; a PIN is only ever a second factor");
        }
        if (attempt.requestedScopes().isEmpty()) {
            throw ApiException.badRequest("scope is required");
        }
        List<String> lockKeys = new ArrayList<>(List.of(Lockout.deviceKey(attempt.deviceId())));
        if (attempt.claimedStaffId() != null) {
            lockKeys.add(Lockout.staffKey(attempt.claimedStaffId()));
        }
        boolean admitted = lockout.admit(lockKeys);

        // A locked attempt is scored too, and the score thrown away: the answer must take as long
        // as a real failure, or its timing would tell a prober that a lock applies.
        List<MatchOutcome> outcomes = new ArrayList<>();
        if (challengedFace != null) {
            outcomes.add(challengedFace.get());
        } else if (attempt.face() != null) {
            outcomes.add(faces.match(attempt.face(), attempt.claimedStaffId()));
        }
        if (attempt.fingerprint() != null) {
            outcomes.add(fingerprints.match(attempt.fingerprint(), attempt.dpi(), attempt.finger(), attempt.claimedStaffId()));
        }
        if (!admitted) {
            fail(attempt, lockKeys, null, List.of(), AuthFailure.LOCKED_OUT, "locked out", started, false);
        }
        MatchOutcome attack = outcomes.stream().filter(MatchOutcome::presentationAttack).findFirst().orElse(null);
        if (attack != null) {
            // one generic answer; the audit keeps the verdict and the threat detectors see the outcome
            fail(attempt, lockKeys, null, outcomes, AuthFailure.PRESENTATION_ATTACK,
                    "presentation attack suspected (" + attack.liveness().method() + "): " + attack.liveness().reason(), started, false);
        }
        FactorFusion.Decision decision = FactorFusion.decide(outcomes, attempt.claimedStaffId(), 4.0);
        boolean masked = outcomes.stream().anyMatch(MatchOutcome::secondFactorRequired);
        if (!decision.authenticated()) {
            fail(attempt, lockKeys, decision, outcomes, AuthFailure.NO_MATCH, decision.failure(), started,
                    masked && attempt.pin() == null);
        }
        UUID staffId = decision.staffId();
        List<String> amr = new ArrayList<>(decision.amr());
        int factors = decision.factors();
        if (attempt.pin() != null) {
            PinVerifier.Check pin = pins.check(staffId, attempt.pin());
            if (pin == PinVerifier.Check.ONE_TIME) {
                throw new ApiException(ProblemType.PIN_CHANGE_REQUIRED,
                        "This PIN was reset and must be changed at this device before it counts");
            }
            if (pin == PinVerifier.Check.RIGHT) {
                amr.add("pin");
                factors = Math.min(2, factors + 1);
            } else {
                fail(attempt, lockKeys, decision, outcomes, AuthFailure.WRONG_PIN, "wrong or locked PIN", started, false);
            }
        }
        int verified = factors;
        boolean unchallengedFace = amr.contains(FACE_AMR) && outcomes.stream()
                .noneMatch(o -> FACE_AMR.equals(o.modality()) && o.liveness() != null && o.liveness().challenged());
        Granted granted = QuarkusTransaction.requiringNew().call(() -> grant(attempt, staffId, amr, verified, unchallengedFace, lockKeys));
        AccessTokenIssuer.Issued issued = granted.issued();
        if (issued == null && granted.challengeRequired()) {
            events.record(attempt, staffId, outcomes, AuthFailure.CHALLENGE_REQUIRED,
                    "the requested access needs the face challenge (or a fingerprint or second factor) at this device", started);
            metrics.attempt(outcomes, attempt.pin() != null, false, started);
            throw AuthenticationFailed.challengeRequired();
        }
        if (issued == null) {
            lockout.recordSuccess(withStaff(lockKeys, staffId)); // the person matched: not a guess
            events.record(attempt, staffId, outcomes, AuthFailure.INSUFFICIENT_FACTORS,
                    "no requested scope satisfied by " + verified + " factor(s)", started);
            metrics.attempt(outcomes, attempt.pin() != null, false, started);
            throw AuthenticationFailed.secondFactorRequired("the requested access needs two factors at this device",
                    "TWO_FACTOR_SCOPE");
        }
        events.record(attempt, staffId, outcomes, null, null, started);
        metrics.attempt(outcomes, attempt.pin() != null, true, started);
        return issued;
    }

    /**
     * The verified person's grant, in one transaction (each commit costs, and this is every
     * authentication's path): the policy's verdict on the requested scopes at this device type, the
     * lockout counters reset, the token issued. Null when the factors satisfy no requested scope.
     */
    private Granted grant(AuthAttempt attempt, UUID staffId, List<String> amr, int verified, boolean unchallengedFace,
                          List<String> lockKeys) {
        Device device = Device.findById(attempt.deviceId());
        String deviceType = device == null ? "unknown" : device.deviceType;
        // Scopes the person does not hold are refused as such, whatever factors they would need.
        StaffMember staff = StaffMember.findById(staffId);
        Set<String> held = new LinkedHashSet<>(attempt.requestedScopes());
        if (staff != null) {
            held.retainAll(staff.scopeSet());
        }
        if (held.isEmpty() || staff == null || !staff.active) {
            // Nothing the factors could unlock: the issuer refuses with access-not-granted.
            return new Granted(issuer.issue(new AccessTokenIssuer.Grant(staffId, attempt.deviceId(), attempt.requestedScopes(), amr,
                    verified >= 2 ? ACR_TWO_FACTORS : ACR_ONE_FACTOR)), false);
        }
        // Threat response "step-up": while in force, this person needs two factors for every scope.
        if (verified < 2 && stepUps.isRequired(staffId)) {
            return new Granted(null, false);
        }
        AuthPolicy.Verdict verdict = policy.decide(held, deviceType, verified, unchallengedFace);
        if (verdict.satisfied().isEmpty()) {
            return new Granted(null, verdict.challengeWouldSatisfy());
        }
        lockout.recordSuccess(withStaff(lockKeys, staffId));
        AccessTokenIssuer.Issued issued = issuer.issue(new AccessTokenIssuer.Grant(staffId, attempt.deviceId(),
                attempt.requestedScopes(), amr, verified >= 2 ? ACR_TWO_FACTORS : ACR_ONE_FACTOR, verdict.satisfied()));
        return new Granted(issued.withRefusedScopes(refusedScopes(attempt.requestedScopes(), held, verdict.satisfied())), false);
    }

    /** Each requested scope left out of the token, and why: not held by the person, or needs another factor. */
    private static List<AccessTokenIssuer.RefusedScope> refusedScopes(Set<String> requested, Set<String> held, Set<String> satisfied) {
        List<AccessTokenIssuer.RefusedScope> refused = new ArrayList<>();
        for (String scope : requested) {
            if (!held.contains(scope)) {
                refused.add(new AccessTokenIssuer.RefusedScope(scope, AccessTokenIssuer.RefusedScope.NOT_PERMITTED));
            } else if (!satisfied.contains(scope)) {
                refused.add(new AccessTokenIssuer.RefusedScope(scope, AccessTokenIssuer.RefusedScope.SECOND_FACTOR_REQUIRED));
            }
        }
        return refused;
    }

    /** The token, or null with whether a passed face challenge would have satisfied a requested scope. */
    private record Granted(AccessTokenIssuer.Issued issued, boolean challengeRequired) {}

    private void fail(AuthAttempt attempt, List<String> lockKeys, FactorFusion.Decision decision, List<MatchOutcome> outcomes,
                      AuthFailure failure, String reason, long started, boolean secondFactorRequired) {
        if (failure != AuthFailure.LOCKED_OUT) {
            lockout.recordFailure(lockKeys);
        }
        events.record(attempt, decision == null ? null : decision.staffId(), outcomes, failure, reason, started);
        metrics.attempt(outcomes, attempt.pin() != null, false, started);
        if (secondFactorRequired) {
            throw AuthenticationFailed.secondFactorRequired("the face is covered (mask); add a fingerprint or PIN", "MASKED");
        }
        if (failure == AuthFailure.NO_MATCH) {
            // Only a picture no one could be compared with gets a reason the device can act on.
            CaptureProblem.of(outcomes).ifPresent(problem -> {
                throw problem;
            });
            refusalTiming.fullRefusal(refusalKind(attempt), started);
        } else if (failure == AuthFailure.LOCKED_OUT) {
            // never counted (no write): without the wait the clock alone would tell that a lock applies
            refusalTiming.cheapRefusal(refusalKind(attempt), started);
        }
        throw AuthenticationFailed.generic();
    }

    /** Refusals compared for timing: the same factors presented, with or without a claimed identity. */
    private static String refusalKind(AuthAttempt attempt) {
        return "auth:" + (attempt.face() != null ? "face" : "") + (attempt.fingerprint() != null ? "+fingerprint" : "")
                + (attempt.claimedStaffId() != null ? ":1to1" : ":1toN") + (attempt.pin() != null ? "+pin" : "");
    }

    private static List<String> withStaff(List<String> keys, UUID staffId) {
        List<String> all = new ArrayList<>(keys);
        String staffKey = Lockout.staffKey(staffId);
        if (!all.contains(staffKey)) {
            all.add(staffKey);
        }
        return all;
    }

    /** The audit entry of an attempt: outcome, per-factor scores and timings, nothing biometric. */
    static Map<String, Object> describe(List<MatchOutcome> outcomes) {
        List<Map<String, Object>> factors = new ArrayList<>();
        for (MatchOutcome o : outcomes) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("modality", o.modality());
            f.put("matched", o.matched());
            f.put("score", round(o.score()));
            f.put("threshold", Double.isNaN(o.threshold()) ? null : round(o.threshold()));
            f.put("strength", round(o.strength()));
            f.put("failure", o.failure());
            f.put("timingsMs", o.timingsMs());
            f.put("liveness", o.liveness() == null ? null : liveness(o.liveness()));
            factors.add(f);
        }
        return Map.of("factors", factors);
    }

    private static Map<String, Object> liveness(LivenessEvidence l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", l.method());
        m.put("verdict", l.live() ? "live" : "attack");
        m.put("score", l.score());
        m.put("threshold", l.threshold());
        m.put("reason", l.reason());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

}
