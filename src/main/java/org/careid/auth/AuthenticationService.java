package org.careid.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.biometric.MatchOutcome;
import org.careid.face.FaceAuthenticator;
import org.careid.fingerprint.FingerprintAuthenticator;
import org.careid.identity.Device;
import org.careid.token.AccessTokenIssuer;
import org.careid.web.ApiException;
import org.careid.web.ProblemType;

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

    private final Lockout lockout;
    private final FaceAuthenticator faces;
    private final FingerprintAuthenticator fingerprints;
    private final PinVerifier pins;
    private final AuthPolicy policy;
    private final AccessTokenIssuer issuer;
    private final AuthEvents events;
    private final AuthMetrics metrics;
    private final StepUpPolicy stepUps;

    @Inject
    AuthenticationService(Lockout lockout, FaceAuthenticator faces, FingerprintAuthenticator fingerprints, PinVerifier pins,
                          AuthPolicy policy, AccessTokenIssuer issuer, AuthEvents events, AuthMetrics metrics,
                          StepUpPolicy stepUps) {
        this.lockout = lockout;
        this.faces = faces;
        this.fingerprints = fingerprints;
        this.pins = pins;
        this.policy = policy;
        this.issuer = issuer;
        this.events = events;
        this.metrics = metrics;
        this.stepUps = stepUps;
    }

    public AccessTokenIssuer.Issued authenticate(AuthAttempt attempt) {
        long started = System.nanoTime();
        if (!attempt.hasBiometric()) {
            throw ApiException.badRequest("Present a face or a fingerprint; a PIN is only ever a second factor");
        }
        if (attempt.requestedScopes().isEmpty()) {
            throw ApiException.badRequest("scope is required");
        }
        List<String> lockKeys = new ArrayList<>(List.of(Lockout.deviceKey(attempt.deviceId())));
        if (attempt.claimedStaffId() != null) {
            lockKeys.add(Lockout.staffKey(attempt.claimedStaffId()));
        }
        if (lockout.isLocked(lockKeys)) {
            fail(attempt, lockKeys, null, List.of(), AuthFailure.LOCKED_OUT, "locked out", started, false);
        }

        List<MatchOutcome> outcomes = new ArrayList<>();
        if (attempt.face() != null) {
            outcomes.add(faces.match(attempt.face(), attempt.claimedStaffId()));
        }
        if (attempt.fingerprint() != null) {
            outcomes.add(fingerprints.match(attempt.fingerprint(), attempt.dpi(), attempt.finger(), attempt.claimedStaffId()));
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
        AccessTokenIssuer.Issued issued = QuarkusTransaction.requiringNew().call(() -> grant(attempt, staffId, amr, verified, lockKeys));
        if (issued == null) {
            events.record(attempt, staffId, outcomes, AuthFailure.INSUFFICIENT_FACTORS,
                    "no requested scope satisfied by " + verified + " factor(s)", started);
            metrics.attempt(outcomes, attempt.pin() != null, false, started);
            throw AuthenticationFailed.secondFactorRequired("the requested access needs two factors at this device");
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
    private AccessTokenIssuer.Issued grant(AuthAttempt attempt, UUID staffId, List<String> amr, int verified, List<String> lockKeys) {
        Device device = Device.findById(attempt.deviceId());
        String deviceType = device == null ? "unknown" : device.deviceType;
        // Threat response "step-up": while in force, this person needs two factors for every scope.
        Set<String> satisfied = verified < 2 && stepUps.isRequired(staffId) ? Set.of()
                : policy.satisfiedScopes(attempt.requestedScopes(), deviceType, verified);
        if (satisfied.isEmpty()) {
            return null;
        }
        lockout.recordSuccess(withStaff(lockKeys, staffId));
        return issuer.issue(new AccessTokenIssuer.Grant(staffId, attempt.deviceId(),
                attempt.requestedScopes(), amr, verified >= 2 ? ACR_TWO_FACTORS : ACR_ONE_FACTOR, satisfied));
    }

    private void fail(AuthAttempt attempt, List<String> lockKeys, FactorFusion.Decision decision, List<MatchOutcome> outcomes,
                      AuthFailure failure, String reason, long started, boolean secondFactorRequired) {
        if (failure != AuthFailure.LOCKED_OUT) {
            lockout.recordFailure(lockKeys);
        }
        events.record(attempt, decision == null ? null : decision.staffId(), outcomes, failure, reason, started);
        metrics.attempt(outcomes, attempt.pin() != null, false, started);
        throw secondFactorRequired ? AuthenticationFailed.secondFactorRequired("the face is covered (mask); add a fingerprint or PIN")
                : AuthenticationFailed.generic();
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
            factors.add(f);
        }
        return Map.of("factors", factors);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

}
