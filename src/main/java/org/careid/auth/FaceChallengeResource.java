package org.careid.auth;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.careid.biometric.LivenessEvidence;
import org.careid.biometric.MatchOutcome;
import org.careid.biometric.Uploads;
import org.careid.face.challenge.FaceChallengeVerifier;
import org.careid.face.challenge.HeadTurn;
import org.careid.identity.Caller;
import org.careid.identity.Roles;
import org.careid.identity.StaffMember;
import org.careid.token.AccessTokenIssuer;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The active face challenge: the device asks for a challenge, shows its instruction, records a
 * burst of frames and sends them with the nonce. A refused burst gets the same generic 401 as any
 * failed authentication.
 */
@Path("/api/v1/auth/face/challenge")
@RolesAllowed(Roles.DEVICE)
@Tag(name = "Authentication at devices", description = "Face, fingerprint and PIN to a device-bound token")
public class FaceChallengeResource {
    private final FaceChallenges challenges;
    private final FaceChallengeVerifier verifier;
    private final AuthenticationService authentication;
    private final Caller caller;

    @Inject
    FaceChallengeResource(FaceChallenges challenges, FaceChallengeVerifier verifier, AuthenticationService authentication,
                          Caller caller) {
        this.challenges = challenges;
        this.verifier = verifier;
        this.authentication = authentication;
        this.caller = caller;
    }

    /** A single-use nonce, the turn(s) to ask for and the deadline for the burst. */
    @POST
    public FaceChallenges.Issued issue() {
        return challenges.issue(caller.uuid());
    }

    /** The burst: frames in capture order (about 2 s at 10-15 fps), the nonce, and the usual claim, scope and optional PIN. */
    @POST
    @Path("burst")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public AccessTokenIssuer.Issued burst(@RestForm("nonce") String nonce, @RestForm("frames") List<FileUpload> frames,
                                          @RestForm("staffId") String staffId, @RestForm("scope") String scope,
                                          @RestForm("pin") String pin, @RestForm("mirrored") Boolean mirrored) {
        if (nonce == null || nonce.isBlank()) {
            throw ApiException.invalid("nonce", "is required (from POST /api/v1/auth/face/challenge)");
        }
        if (frames == null || frames.size() < FaceChallenges.MIN_FRAMES || frames.size() > FaceChallenges.MAX_FRAMES) {
            throw ApiException.invalid("frames", "send " + FaceChallenges.MIN_FRAMES + " to " + FaceChallenges.MAX_FRAMES
                    + " frames (about 2 s at 10-15 fps)");
        }
        UUID claimed = uuid(staffId);
        List<byte[]> images = Uploads.allBytes(frames, "frames", FaceChallenges.MAX_FRAMES);
        // redeemed before anything else: a replayed or late burst is refused and audited like any failure
        Optional<List<HeadTurn>> steps = challenges.redeem(nonce.trim(), caller.uuid());
        AuthAttempt attempt = new AuthAttempt(caller.uuid(), claimed, null, null, 0, 500, pin, StaffMember.parseScopes(scope));
        return authentication.authenticate(attempt, () -> steps
                .map(s -> verifier.verify(images, s, Boolean.TRUE.equals(mirrored), claimed))
                .orElseGet(FaceChallengeResource::unredeemable));
    }

    private static MatchOutcome unredeemable() {
        return new MatchOutcome("face", null, false, 0, Double.NaN, 0, "challenge failed", false, java.util.Map.of(),
                new LivenessEvidence(LivenessEvidence.CHALLENGE, false, null, null,
                        "nonce unknown, already used, expired or issued to another device"));
    }

    private static UUID uuid(String staffId) {
        if (staffId == null || staffId.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(staffId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("staffId must be a staff UUID");
        }
    }
}
