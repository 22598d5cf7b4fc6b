package org.careid.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.careid.e2e.Fixtures.ProvisionedDevice;
import org.careid.support.CameraClip;
import org.careid.support.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The device CLI's {@code authenticate-challenge} against the real server: the right-turn burst
 * straight from the camera clip's MJPEG file (--from/--count), the left-turn burst from a folder of
 * its mirrored frames; the token unlocks the device. A still face video is refused (exit 6).
 */
@QuarkusTest
class FaceChallengeEndToEndTest {
    private static final int OK = 0;
    private static final int AUTHENTICATION_FAILED = 6;

    @TestHTTPResource("/")
    URL server;
    @TempDir
    Path work;

    @Test
    void theCliAnswersTheChallengeFromAVideoOrAFolderAndUnlocks() throws Exception {
        String clinician = CameraClip.clinician();
        Path left = Files.createDirectories(work.resolve("left"));
        List<byte[]> mirrored = CameraClip.liveAnswer("left");
        for (int i = 0; i < mirrored.size(); i++) {
            Files.write(left.resolve(String.format("frame%03d.jpg", i)), mirrored.get(i));
        }
        String clip = Datasets.root().resolve(CameraClip.CLIP).toAbsolutePath().toString();
        ProvisionedDevice bed = Fixtures.provisionedDevice(server, work, "challenge-bedside", true);
        CliResult auth = bed.run("authenticate-challenge", "--frames-right", clip, "--from", String.valueOf(CameraClip.BURST_FROM),
                "--count", String.valueOf(CameraClip.BURST_TO - CameraClip.BURST_FROM), "--frames-left", left.toString(),
                "--staff-id", clinician, "--scope", "device:unlock");
        assertEquals(OK, auth.exitCode(), auth::describe);
        assertThat(auth.stderr(), containsString("turn your head to your"));
        assertThat(auth.stdout(), containsString("scope=device:unlock"));
        CliResult unlocked = bed.run("unlock");
        assertEquals(OK, unlocked.exitCode(), unlocked::describe);
        assertThat(unlocked.stdout(), containsString(clinician));

        String still = Fixtures.photo("video/still_face_obama_small_640x480_10fps_2s.y4m");
        CliResult refused = bed.run("authenticate-challenge", "--frames", still, "--scope", "device:unlock");
        assertEquals(AUTHENTICATION_FAILED, refused.exitCode(), refused::describe);
    }
}
