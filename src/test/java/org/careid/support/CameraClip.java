package org.careid.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The real camera clip the challenge tests use (video/short_hamilton_clip_640x360_15fps.mjpeg,
 * 15 fps) and the clinician enrolled from it. The talking-face shot starts frontal (frames 54-58)
 * and turns to the person's right (frames 67-80); mirrored, the same frames are a turn to the left.
 * The clinician is enrolled from three later frames of the shot (86, 97, 101). One face can be
 * enrolled only once per database, so a test class that finds it enrolled already looks the
 * person up by identifying a frame.
 */
public final class CameraClip {
    public static final String CLIP = "video/short_hamilton_clip_640x360_15fps.mjpeg";
    public static final int BURST_FROM = 54;
    public static final int BURST_TO = 84;
    public static final String PIN = "48261937";

    private static List<byte[]> frames;
    private static String clinician;

    private CameraClip() {}

    public static synchronized List<byte[]> frames() {
        if (frames == null) {
            frames = VideoFrames.mjpeg(CLIP);
        }
        return frames;
    }

    /** 2 s of the shot: frontal start, a turn to the right, partly back. */
    public static List<byte[]> rightTurn() {
        return List.copyOf(frames().subList(BURST_FROM, BURST_TO));
    }

    /** The live burst that answers this instruction ({@code left} or {@code right}). */
    public static List<byte[]> liveAnswer(String direction) {
        return direction.equals("right") ? rightTurn() : VideoFrames.mirrored(rightTurn());
    }

    /** The clinician of the clip (scopes patient/*.read and device:unlock, PIN {@link #PIN}). */
    public static synchronized String clinician() {
        if (clinician != null) {
            return clinician;
        }
        String staff = Api.createStaff("patient/*.read", "device:unlock");
        Enroll.consent(staff);
        RequestSpecification r = given().header("Authorization", "Bearer " + Api.admin());
        for (int i : new int[] {86, 97, 101}) {
            r = r.multiPart("images", "frame" + i + ".jpg", frames().get(i), "image/jpeg");
        }
        Response enrolled = r.post("/api/v1/staff/" + staff + "/faces");
        if (enrolled.statusCode() == 409) {
            staff = identified();
        } else {
            enrolled.then().statusCode(200);
        }
        Api.givePin(staff, PIN);
        clinician = staff;
        return staff;
    }

    /** The enrolled clinician of the clip, found by identifying one of its frames. */
    private static String identified() {
        DeviceKey workstation = Api.provisionedDevice();
        String token = Api.asDevice(workstation).multiPart("image", "f.jpg", frames().get(88), "image/jpeg")
                .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().statusCode(200).extract().path("access_token");
        return Api.asDevice(workstation).formParam("token", token).post("/api/v1/tokens/introspect").then().statusCode(200)
                .extract().path("sub");
    }
}
