package org.careid.face;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.careid.biometric.Uploads;
import org.careid.face.detect.DetectedFace;
import org.careid.face.quality.QualityIssue;
import org.careid.identity.Roles;
import org.careid.web.ApiException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Live quality guidance for one camera frame, at the kiosk and at devices. */
@Path("/api/v1/faces/check")
@Tag(name = "Faces")
public class FaceCheckResource {
    @Inject
    FacePipeline pipeline;

    public record Box(int x, int y, int width, int height) {}

    public record Quality(double score, boolean acceptable, List<String> reasons) {}

    /** box: the face judged; faces: every face found, so the operator sees who else is in the picture. */
    public record Check(int faceCount, Box box, List<Box> faces, Quality quality, int imageWidth, int imageHeight) {}

    /**
     * Quality verdict and face box for one frame: live guidance at the kiosk and at devices.
     * {@code purpose} {@code authentication} judges the frame as authentication will (a clearly
     * dominant face is enough); the default, {@code enrollment}, as enrollment does.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.ENROLLER, Roles.ADMIN, Roles.DEVICE})
    public Check check(@RestForm("image") FileUpload image, @RestForm("purpose") String purpose) {
        FaceAnalysis a = pipeline.analyze(Uploads.bytes(image, "image"), purpose(purpose));
        DetectedFace f = a.chosen();
        Box box = f == null ? null : box(f);
        List<Box> faces = a.faces().stream().map(FaceCheckResource::box).toList();
        List<String> reasons = a.quality().issues().stream().map(QualityIssue::name).sorted().toList();
        return new Check(a.faceCount(), box, faces, new Quality(round(a.quality().score()), a.accepted(), reasons),
                a.imageWidth(), a.imageHeight());
    }

    private static Box box(DetectedFace f) {
        return new Box((int) Math.round(f.x()), (int) Math.round(f.y()), (int) Math.round(f.width()), (int) Math.round(f.height()));
    }

    private static FacePurpose purpose(String purpose) {
        if (purpose == null || purpose.isBlank() || purpose.equals("enrollment")) {
            return FacePurpose.ENROLLMENT;
        }
        if (purpose.equals("authentication")) {
            return FacePurpose.AUTHENTICATION;
        }
        throw ApiException.badRequest("purpose must be enrollment or authentication");
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
