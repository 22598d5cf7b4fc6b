package org.careid.face;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.careid.face.evaluation.SyntheticMask;
import org.careid.support.Api;
import org.careid.image.OpenCvLoader;
import org.careid.support.DrawnImages;
import org.careid.support.Prerequisites;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.careid.support.DeviceKey;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Face enrollment and authentication through the API with real photos (skipped without
 * ../shared/datasets): A enrolled from three photos, other photos of A verify and identify as A,
 * B and the unenrolled C do not, one person cannot enroll as two, masks and crowds are refused.
 */
@QuarkusTest
class FaceApiTest {
    @Inject
    FacePipeline pipeline;
    private static final String A = "faces/deepface_p01/";
    private static final String B = "faces/deepface_p02/";

    private static byte[] photo(String relative) throws Exception {
        return Files.readAllBytes(TestData.photo(relative));
    }

    static String enrolledStaff(String... photos) throws Exception {
        String staffId = Api.createStaff("patient/*.read", "device:unlock");
        Api.as(Api.admin()).body(Map.of("textVersion", "2026-11")).post("/api/v1/staff/" + staffId + "/consent").then().statusCode(200);
        RequestSpecification request = given().header("Authorization", "Bearer " + Api.admin());
        for (String p : photos) {
            request = request.multiPart("images", p.substring(p.lastIndexOf('/') + 1), photo(p), "image/jpeg");
        }
        request.post("/api/v1/staff/" + staffId + "/faces").then().statusCode(200)
                .body("accepted", equalTo(photos.length)).body("enrolled", equalTo(photos.length >= 3));
        return staffId;
    }

    private static ValidatableResponse authenticate(DeviceKey device, byte[] image, String claimedStaffId) {
        RequestSpecification r = Api.asDevice(device).multiPart("image", "probe.jpg", image, "image/jpeg")
                .multiPart("scope", "patient/*.read");
        if (claimedStaffId != null) {
            r = r.multiPart("staffId", claimedStaffId);
        }
        return r.post("/api/v1/auth/face").then();
    }

    @Test
    void enrolledPersonVerifiesAndIdentifiesStrangersDoNot() throws Exception {
        TestData.photo(A + "img1.jpg");
        String a = enrolledStaff(A + "img1.jpg", A + "img2.jpg", A + "img10.jpg");
        String b = enrolledStaff(B + "img3.jpg", B + "img12.jpg", B + "img53.jpg");
        DeviceKey device = Api.provisionedDevice();
        for (String probe : List.of("img5.jpg", "img6.jpg", "img7.jpg")) {
            authenticate(device, photo(A + probe), a).statusCode(200)
                    .body("token_type", equalTo("DPoP")).body("amr", hasItem("face")).body("scope", equalTo("patient/*.read"));
            String token = authenticate(device, photo(A + probe), null).statusCode(200).extract().path("access_token");
            Api.asDevice(device).formParam("token", token).post("/api/v1/tokens/introspect").then()
                    .body("sub", equalTo(a));
        }
        // B's photo claimed as A, and the unenrolled C: a generic 401 that names nobody
        authenticate(device, photo(B + "img54.jpg"), a).statusCode(401).body("title", equalTo("Authentication failed"));
        String cIdentified = authenticate(device, photo("faces/fr_biden/biden.jpg"), null).statusCode(401)
                .extract().asString();
        assertEquals(false, cIdentified.contains(a) || cIdentified.contains(b));
        Api.as(Api.admin()).get("/api/v1/staff/" + a + "/biometrics").then().statusCode(200)
                .body("face.samples", equalTo(3)).body("face.enrolled", equalTo(true))
                .body("consent.textVersion", equalTo("2026-11"));
    }

    @Test
    void onePersonCannotEnrollAsTwo() throws Exception {
        TestData.photo("faces/fr_kit_harington/john1.jpeg");
        enrolledStaff("faces/fr_kit_harington/john1.jpeg");
        String other = Api.createStaff();
        Api.as(Api.admin()).body(Map.of("textVersion", "2026-11")).post("/api/v1/staff/" + other + "/consent").then().statusCode(200);
        given().header("Authorization", "Bearer " + Api.admin())
                .multiPart("images", "j.jpg", photo("faces/fr_kit_harington/john2.jpeg"), "image/jpeg")
                .post("/api/v1/staff/" + other + "/faces").then().statusCode(409).body("title", equalTo("Duplicate identity"));
        Api.as(Api.operator("AUDITOR")).queryParam("action", "DUPLICATE_IDENTITY_REFUSED").queryParam("targetId", other)
                .get("/api/v1/audit").then().body("total", equalTo(1));
    }

    @Test
    void noCaptureWithoutConsentAndWithdrawalErases() throws Exception {
        Prerequisites.require(Files.isDirectory(TestData.datasets().resolve("faces/fr_rose_leslie")), "no dataset");
        String staff = Api.createStaff();
        byte[] image = Files.readAllBytes(Files.list(TestData.datasets().resolve("faces/fr_rose_leslie")).sorted().findFirst().orElseThrow());
        given().header("Authorization", "Bearer " + Api.admin()).multiPart("images", "r.jpg", image, "image/jpeg")
                .post("/api/v1/staff/" + staff + "/faces").then().statusCode(409).body("title", equalTo("Consent required"));
        Api.as(Api.admin()).body(Map.of("textVersion", "2026-11")).post("/api/v1/staff/" + staff + "/consent").then().statusCode(200);
        given().header("Authorization", "Bearer " + Api.admin()).multiPart("images", "r.jpg", image, "image/jpeg")
                .post("/api/v1/staff/" + staff + "/faces").then().statusCode(200).body("accepted", equalTo(1));
        Api.as(Api.admin()).delete("/api/v1/staff/" + staff + "/consent").then().statusCode(204);
        Api.as(Api.admin()).get("/api/v1/staff/" + staff + "/biometrics").then().statusCode(200)
                .body("face", equalTo(null)).body("consent", equalTo(null));
    }

    @Test
    void crowdsMasksAndRotatedPhotosBehaveAsDocumented() throws Exception {
        byte[] crowd = photo("face-samples/multi_face_fr/obama_and_biden.jpg");
        check(crowd).statusCode(200).body("quality.reasons", hasItem("MULTIPLE_FACES")).body("quality.acceptable", equalTo(false));
        DeviceKey device = Api.provisionedDevice();
        // two people in front of the camera: a reason the device can show, not a refusal of anyone
        authenticate(device, crowd, null).statusCode(422).body("type", equalTo(ProblemType.CAPTURE_REJECTED.uri()))
                .body("reason", equalTo("MULTIPLE_FACES"));
        // EXIF orientation 6: the face is found only if the rotation is applied
        check(photo("spoof/silentface_minivision/image_T1.jpg")).statusCode(200).body("faceCount", equalTo(1));
        // a synthetic surgical mask over A's lower face: refused, and told to add a second factor
        String claimed = Api.createStaff("patient/*.read");
        authenticate(device, maskedPhoto(A + "img11.jpg"), claimed).statusCode(401)
                .body("second_factor_required", equalTo(true)).body("reason", equalTo("MASKED"));
    }

    @Test
    void badImagesGetClearClientErrors() throws Exception {
        DeviceKey device = Api.provisionedDevice();
        authenticate(device, new byte[0], null).statusCode(422).body("status", equalTo(422)).body("reason", equalTo("EMPTY"));
        authenticate(device, "not an image at all".getBytes(), null).statusCode(422).body("reason", equalTo("UNSUPPORTED_FORMAT"));
        byte[] jpeg = DrawnImages.jpeg();
        authenticate(device, java.util.Arrays.copyOf(jpeg, jpeg.length / 3), null).statusCode(422).body("reason", equalTo("TRUNCATED"));
        authenticate(device, "RIFF....WEBP".getBytes(), null).statusCode(422).body("title", equalTo("Unusable image"));
        authenticate(device, DrawnImages.hugePngHeader(), null).statusCode(413).body("title", startsWith("Image too large"))
                .body("reason", equalTo("TOO_MANY_DECODED_BYTES"));
        // no face in a drawn picture: the device is told so (nothing was compared with anyone)
        // (a fresh device: the refusals above count as failed attempts, and a locked-out device is told nothing)
        authenticate(Api.provisionedDevice(), jpeg, null).statusCode(422).body("type", equalTo(ProblemType.CAPTURE_REJECTED.uri()))
                .body("reason", equalTo("NO_FACE")).body("reasons", hasItem("NO_FACE"));
        check(jpeg).statusCode(200).body("quality.reasons", hasItem("NO_FACE"));
        // a WebP named .jpg with a JPEG content type is judged by its bytes
        byte[] webp = photo("faces/deepface_p03/img47.jpg");
        check(webp).statusCode(200).body("faceCount", equalTo(1));
        Api.asDevice(device).multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().statusCode(400)
                .body("violations[0].field", equalTo("image"));
    }

    private static ValidatableResponse check(byte[] image) {
        return given().header("Authorization", "Bearer " + Api.operator("ENROLLER"))
                .multiPart("image", "frame.jpg", image, "image/jpeg").post("/api/v1/faces/check").then();
    }

    /** The photo with a light-blue surgical mask drawn over the lower face (the evaluation's mask). */
    private byte[] maskedPhoto(String relative) throws Exception {
        OpenCvLoader.ensureLoaded(); // the test decodes with OpenCV itself before the pipeline runs
        Mat bgr = Imgcodecs.imdecode(new MatOfByte(photo(relative)), Imgcodecs.IMREAD_COLOR);
        FaceAnalysis analysis = pipeline.analyze(bgr, FacePurpose.AUTHENTICATION);
        SyntheticMask.draw(bgr, analysis.chosen(), SyntheticMask.COLOURS.get(0));
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", bgr, out);
        return out.toArray();
    }
}
