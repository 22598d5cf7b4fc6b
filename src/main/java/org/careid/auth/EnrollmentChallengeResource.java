package org.careid.auth;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.careid.biometric.Uploads;
import org.careid.face.FaceBurstEnrollment;
import org.careid.face.FaceService;
import org.careid.identity.Caller;
import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The head-turn challenge at the kiosk, for face enrollment: the operator (ENROLLER or ADMIN) asks
 * for a challenge for one staff member, the kiosk shows the turn, records a burst and sends it; the
 * samples are the burst's verified frontal frames. The nonce is issued to that operator for that
 * person and purpose only: a device cannot obtain or answer it, and it never counts as authentication.
 */
@Path("/api/v1/staff/{id}/faces/challenge")
@RolesAllowed({Roles.ENROLLER, Roles.ADMIN})
@Tag(name = "Faces", description = "Face enrollment")
public class EnrollmentChallengeResource {
    private final FaceChallenges challenges;
    private final FaceBurstEnrollment enrollment;
    private final Caller caller;

    @Inject
    EnrollmentChallengeResource(FaceChallenges challenges, FaceBurstEnrollment enrollment, Caller caller) {
        this.challenges = challenges;
        this.enrollment = enrollment;
        this.caller = caller;
    }

    /** A single-use nonce for this person, the turn to ask for and the deadline (consent must be recorded). */
    @POST
    public FaceChallenges.Issued issue(@PathParam("id") UUID staffId) {
        enrollment.requireConsent(staffId);
        return challenges.issueForEnrollment(caller.uuid(), staffId);
    }

    /** The burst: frames in capture order (about 2 s at 10-15 fps) and the nonce; answers like photo enrollment. */
    @POST
    @Path("burst")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public FaceService.EnrollmentView burst(@PathParam("id") UUID staffId, @RestForm("nonce") String nonce,
                                            @RestForm("frames") List<FileUpload> frames, @RestForm("mirrored") Boolean mirrored) {
        if (nonce == null || nonce.isBlank()) {
            throw ApiException.invalid("nonce", "is required (from POST /api/v1/staff/{id}/faces/challenge)");
        }
        if (frames == null || frames.size() < FaceChallenges.MIN_FRAMES || frames.size() > FaceChallenges.MAX_FRAMES) {
            throw ApiException.invalid("frames", "send " + FaceChallenges.MIN_FRAMES + " to " + FaceChallenges.MAX_FRAMES
                    + " frames (about 2 s at 10-15 fps)");
        }
        List<byte[]> images = Uploads.allBytes(frames, "frames", FaceChallenges.MAX_FRAMES);
        // redeemed before anything else: a replayed or late burst is refused like any failed one
        var steps = challenges.redeemForEnrollment(nonce.trim(), caller.uuid(), staffId);
        return enrollment.enroll(staffId, images, steps, Boolean.TRUE.equals(mirrored));
    }
}
