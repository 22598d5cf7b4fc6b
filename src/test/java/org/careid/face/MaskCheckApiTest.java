package org.careid.face;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.careid.face.evaluation.FaceSampleExtractor;
import org.careid.face.evaluation.MaskDatasets;
import org.careid.support.Api;
import org.careid.support.Prerequisites;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Real masks through {@code POST /api/v1/faces/check}: photos the mask classifier's training split
 * held out (MFR2 identities it never saw, detection-set photos it never saw; skipped without
 * ../shared/datasets). Masked faces must come back MASKED and not acceptable; bare faces must not.
 */
@QuarkusTest
class MaskCheckApiTest {

    private static JsonPath check(Path photo) throws Exception {
        String name = photo.getFileName().toString();
        String type = name.toLowerCase().endsWith(".png") ? "image/png" : "image/jpeg";
        return given().header("Authorization", "Bearer " + Api.operator("ENROLLER"))
                .multiPart("image", name, Files.readAllBytes(photo), type)
                .post("/api/v1/faces/check").then().statusCode(200).extract().jsonPath();
    }

    private static List<Path> heldOut(String source, Path dir, boolean byIdentity) throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path p : FaceSampleExtractor.images(dir)) {
            String group = byIdentity ? source + ":" + p.getParent().getFileName() : source + ":" + dir.getFileName() + "/"
                    + dir.relativize(p);
            if (MaskDatasets.heldOut(group)) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void heldOutMfr2MasksAreFoundAndBareFacesPass() throws Exception {
        Path mfr2 = TestData.datasets().resolve("masked/mfr2");
        Prerequisites.require(Files.isRegularFile(mfr2.resolve("mfr2_labels.txt")), "MFR2 absent under " + mfr2);
        List<String> labels = Files.readAllLines(mfr2.resolve("mfr2_labels.txt"));
        int masked = 0;
        int found = 0;
        int bare = 0;
        List<String> bareFlagged = new ArrayList<>();
        for (Path p : heldOut("mfr2", mfr2, true)) {
            String[] id = p.getFileName().toString().replace(".png", "").split("_");
            boolean isMasked = labels.stream().noneMatch(l -> l.matches(id[0] + ",\\s*" + Integer.parseInt(id[1]) + ",\\s*no-mask"));
            JsonPath r = check(p);
            if (r.getInt("faceCount") != 1) {
                continue;
            }
            List<String> reasons = r.getList("quality.reasons");
            if (isMasked) {
                masked++;
                if (reasons.contains("MASKED")) {
                    found++;
                    assertTrue(!r.getBoolean("quality.acceptable"), p + " masked yet acceptable");
                }
            } else {
                bare++;
                if (reasons.contains("MASKED")) {
                    bareFlagged.add(p.getFileName().toString());
                }
            }
        }
        assertTrue(masked >= 60 && bare >= 30, "held-out photos checked: " + masked + " masked, " + bare + " bare");
        assertTrue(found >= 0.97 * masked, "masks found " + found + " of " + masked);
        assertTrue(bareFlagged.isEmpty(), "bare faces flagged as masked: " + bareFlagged);
    }

    @Test
    void heldOutBareDetectionPhotosAreRarelyFlagged() throws Exception {
        Path bareDir = TestData.datasets().resolve("masked/detection/without_mask");
        Prerequisites.require(Files.isDirectory(bareDir), "mask detection set absent under " + bareDir);
        int checked = 0;
        List<String> flagged = new ArrayList<>();
        for (Path p : heldOut("detection", bareDir, false)) {
            JsonPath r = check(p);
            if (r.getInt("faceCount") != 1) {
                continue;
            }
            checked++;
            if (r.getList("quality.reasons").contains("MASKED")) {
                flagged.add(p.getFileName().toString());
            }
        }
        // the colour rule flagged about one bare face in five of these
        assertTrue(checked >= 50, "checked " + checked);
        assertTrue(flagged.size() <= 0.02 * checked, "bare faces flagged as masked: " + flagged + " of " + checked);
    }
}
