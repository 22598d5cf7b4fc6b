package org.careid.face;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.careid.audit.AuditEvent;
import org.careid.biometric.ConsentService;
import org.careid.face.challenge.EnrollmentBurst;
import org.careid.face.challenge.FaceChallengeVerifier;
import org.careid.face.challenge.HeadTurn;
import org.careid.identity.Caller;
import org.careid.web.ApiException;
import org.careid.web.Problem;
import org.careid.web.ProblemType;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Face enrollment from a live head-turn burst at the kiosk: the burst is verified by the same
 * {@link FaceChallengeVerifier} as a device's challenge (turn, geometry, continuity, passive PAD),
 * and the samples are the verified frontal frames, enrolled through {@link FaceService} (quality,
 * duplicate identity, sealing, audit). A refused burst stores nothing and is audited with its reason;
 * the operator is told in plain words what to do (422 {@code presentation-attack-suspected} with
 * {@code reason} {@code CHALLENGE_FAILED} or {@code CHALLENGE_EXPIRED}).
 */
@ApplicationScoped
public class FaceBurstEnrollment {
    private final FaceChallengeVerifier verifier;
    private final FaceService faces;
    private final ConsentService consent;
    private final Caller caller;

    @Inject
    FaceBurstEnrollment(FaceChallengeVerifier verifier, FaceService faces, ConsentService consent, Caller caller) {
        this.verifier = verifier;
        this.faces = faces;
        this.consent = consent;
        this.caller = caller;
    }

    /** Refuses a challenge for a person without recorded consent (409), before anything is captured. */
    public void requireConsent(UUID staffId) {
        // the refusal is thrown outside the (read-only) transaction, as it is, not wrapped
        ApiException refusal = QuarkusTransaction.requiringNew().call(() -> {
            try {
                consent.requireConsent(staffId);
                return null;
            } catch (ApiException e) {
                return e;
            }
        });
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * @param steps the redeemed challenge's turns; empty when the nonce was unknown, used, late or
     *              issued to someone else
     */
    public FaceService.EnrollmentView enroll(UUID staffId, List<byte[]> frames, Optional<List<HeadTurn>> steps, boolean mirrored) {
        requireConsent(staffId);
        if (steps.isEmpty()) {
            throw refused(staffId, "nonce unknown, already used, expired or issued to another operator or person", null,
                    "CHALLENGE_EXPIRED", "The head-turn challenge expired or was already used; nothing was stored. Start the "
                            + "capture again and ask the person to turn their head as soon as the instruction shows.");
        }
        EnrollmentBurst verdict = verifier.verifyForEnrollment(frames, steps.get(), mirrored);
        if (!verdict.passed()) {
            throw refused(staffId, verdict.reason(), verdict, "CHALLENGE_FAILED", "The live head turn was not seen as asked, "
                    + "so the pictures may come from a photo or a screen; nothing was stored. Ask the person to face the "
                    + "camera, then turn their head to the side shown, and try again.");
        }
        List<FaceAnalysis> analyses = verdict.samples().stream().map(EnrollmentBurst.Sample::analysis).toList();
        List<byte[]> photos = verdict.samples().stream().map(s -> frames.get(s.frame())).toList();
        return faces.enrollAnalysed(staffId, analyses, photos, "challenge");
    }

    private ApiException refused(UUID staffId, String reason, EnrollmentBurst verdict, String code, String detail) {
        AuditEvent event = AuditEvent.of("FACE_ENROLLMENT_REFUSED", AuditEvent.Outcome.DENIED).target("STAFF", staffId)
                .detail("reason", "challenge failed: " + reason).detail("method", "challenge");
        if (verdict != null && verdict.passive() != null) {
            event = event.detail("padScore", Math.round(verdict.passive() * 10000) / 10000.0)
                    .detail("padThreshold", verdict.padThreshold());
        }
        caller.audit(event);
        return new ApiException(Problem.of(ProblemType.PRESENTATION_ATTACK_SUSPECTED, detail).with("reason", code)
                .with("samples", List.of()));
    }
}
