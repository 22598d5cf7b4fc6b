package org.careid.onboarding;

import static org.careid.onboarding.ImportFiles.csv;
import static org.careid.onboarding.ImportFiles.entries;
import static org.careid.onboarding.ImportFiles.finished;
import static org.careid.onboarding.ImportFiles.report;
import static org.careid.onboarding.ImportFiles.submit;
import static org.careid.onboarding.ImportFiles.zip;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DrawnImages;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Bulk onboarding through {@code /api/v1/staff/import}: mapped columns, a per-row report with the
 * reason of each refusal, consent recorded with the import as its source, photos enrolled through
 * the face service (quality, PAD, duplicate identity), re-runs that change nothing, and hostile
 * files refused as a whole before anything changes.
 */
@QuarkusTest
@TestProfile(StaffImportProfile.class)
class StaffImportTest {
    private static final String MAPPING = "{\"employeeId\":\"Personnel No\",\"displayName\":\"Full name\","
            + "\"clinicalRole\":\"Job\",\"ward\":\"Unit\",\"scopes\":\"Access\",\"consent\":\"Biometric consent\"}";
    private static final String HEADER = "Personnel No;Full name;Job;Unit;Access;Biometric consent";
    private static final String VERSION = "2026-11";
    private static final String LIVE = "spoof/nuaa/ClientRaw/0002/0002_01_00_01_116.jpg";
    private static final String TABLET = "spoof/silentface_minivision/image_F2.jpg";

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    }

    private static long audited(String action, String targetId) {
        return Api.as(Api.operator("AUDITOR")).queryParam("action", action).queryParam("targetId", targetId)
                .get("/api/v1/audit").then().statusCode(200).extract().<Integer>path("total");
    }

    private static String staffId(String employeeId) {
        return Api.as(Api.admin()).queryParam("q", employeeId).get("/api/v1/staff").then().statusCode(200)
                .body("total", equalTo(1)).extract().path("items[0].id");
    }

    @Test
    void mappedRowsAreImportedEachRefusalIsReportedAndARerunChangesNothing() throws Exception {
        String t = tag();
        byte[] file = csv(HEADER,
                "A" + t + ";Ada Lovelace;nurse;ICU;patient/*.read device:unlock;yes",
                "B" + t + ";Bob Unknown-Scope;nurse;ICU;patient:read;no",
                "bad id!;Carl Bad;nurse;ICU;;no",
                "D" + t + ";Dora Maybe;nurse;ICU;;maybe",
                "E" + t + ";Eve Short;nurse",
                "A" + t + ";Ada Again;nurse;ICU;;no",
                "\"F" + t + "\";\"=HYPERLINK(\"\"x\"\")\";physician;\"Ward 7; east\";vitals.write;no");
        String id = submit(Api.admin(), file, null, MAPPING, VERSION).then().statusCode(202)
                .header("Location", startsWith("/api/v1/staff/import/")).body("rowsTotal", equalTo(7))
                .extract().path("id");
        JsonPath job = finished(id);
        assertEquals(7, job.getInt("rowsDone"));
        assertEquals(2, job.getInt("created"));
        assertEquals(5, job.getInt("refused"));
        Map<String, List<String>> rows = report(id);
        assertEquals(List.of("A" + t, "CREATED", "NO_PHOTO", ""), rows.get("2"));
        assertEquals(List.of("B" + t, "REFUSED", "NOT_TRIED", "unknown scope patient:read"), rows.get("3"));
        assertTrue(rows.get("4").get(3).startsWith("bad row: employeeId may contain letters"), rows.get("4").toString());
        assertEquals("bad row: consent must be yes or no, not \"maybe\"", rows.get("5").get(3));
        assertEquals("bad row: 3 fields where the header has 6", rows.get("6").get(3));
        assertEquals("bad row: employee id A" + t + " is also on line 2 (that line was imported)", rows.get("7").get(3));
        assertEquals("CREATED", rows.get("8").get(1));
        String ada = staffId("A" + t);
        Api.as(Api.admin()).get("/api/v1/staff/" + ada).then().body("displayName", equalTo("Ada Lovelace"))
                .body("scopes", equalTo(List.of("device:unlock", "patient/*.read")));
        // the consent column said yes: recorded with the import as its source (no photo needed for that)
        Api.as(Api.admin()).get("/api/v1/staff/" + ada + "/biometrics").then()
                .body("consent.source", equalTo("import " + id)).body("consent.textVersion", equalTo(VERSION));
        Api.as(Api.admin()).get("/api/v1/staff/" + staffId("F" + t)).then().body("ward", equalTo("Ward 7; east"))
                .body("displayName", equalTo("=HYPERLINK(\"x\")"));
        // a spreadsheet would run a report cell starting with '=' (reasons quote names from the upload)
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", StaffImportService.cell("=HYPERLINK(\"x\")"));
        assertEquals("'-1", StaffImportService.cell("-1"));
        assertEquals(1, audited("STAFF_IMPORT_STARTED", id));
        assertEquals(1, audited("STAFF_IMPORT_FINISHED", id));

        // the same file again: nothing changes twice
        String again = submit(Api.admin(), file, null, MAPPING, VERSION).then().statusCode(202).extract().path("id");
        JsonPath second = finished(again);
        assertEquals(0, second.getInt("created"));
        assertEquals(0, second.getInt("updated"));
        assertEquals(2, second.getInt("unchanged"));
        assertEquals("UNCHANGED", report(again).get("2").get(1));
        assertEquals(1, audited("STAFF_CREATED", ada));
        assertEquals(1, audited("BIOMETRIC_CONSENT_RECORDED", ada));
        // HR moved Ada: that row is updated, once
        byte[] moved = csv(HEADER, "A" + t + ";Ada Lovelace;nurse;Cardiology;patient/*.read device:unlock;yes");
        assertEquals(1, finished(submit(Api.admin(), moved, null, MAPPING, VERSION).then().statusCode(202).extract().path("id"))
                .getInt("updated"));
        assertEquals(0, finished(submit(Api.admin(), moved, null, MAPPING, VERSION).then().statusCode(202).extract().path("id"))
                .getInt("updated"));
        Api.as(Api.admin()).get("/api/v1/staff/" + ada).then().body("ward", equalTo("Cardiology"));
        Api.as(Api.admin()).get("/api/v1/staff/import").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void photosAreEnrolledWithConsentThroughTheFaceServiceAndRefusalsNameTheirReason() throws Exception {
        byte[] live = Datasets.bytes(LIVE);
        byte[] tablet = Datasets.bytes(TABLET);
        int check = io.restassured.RestAssured.given().header("Authorization", "Bearer " + Api.admin())
                .multiPart("image", "x.jpg", DrawnImages.jpeg(), "image/jpeg").post("/api/v1/faces/check").statusCode();
        org.careid.support.Prerequisites.require(check != 503, "face models not loaded (scripts/fetch-models)");
        String t = tag();
        byte[] file = csv("employee_id,name,role,ward,consent",
                "P1" + t + ",Pat Live,nurse,ICU,yes",
                "P2" + t + ",Pat Twin,nurse,ICU,yes",
                "P3" + t + ",Pat Tablet,nurse,ICU,yes",
                "P4" + t + ",Pat Drawing,nurse,ICU,yes",
                "P5" + t + ",Pat Unwilling,nurse,ICU,no",
                "P6" + t + ",Pat No Photo,nurse,ICU,yes");
        byte[] photos = zip(entries("badges/P1" + t + ".jpg", live, "badges/P2" + t + ".JPG", live,
                "badges/P3" + t + ".jpg", tablet, "badges/P4" + t + ".jpg", DrawnImages.jpeg(),
                "badges/P5" + t + ".jpg", live, "badges/NOBODY.jpg", DrawnImages.jpeg(), "__MACOSX/._P1" + t + ".jpg", new byte[10]));
        String mapping = "{\"employeeId\":\"employee_id\",\"displayName\":\"name\",\"clinicalRole\":\"role\"}";
        String id = submit(Api.admin(), file, photos, mapping, VERSION).then().statusCode(202).body("photos", equalTo(6))
                .extract().path("id");
        JsonPath job = finished(id);
        Map<String, List<String>> rows = report(id);
        assertEquals(1, job.getInt("enrolled"), rows.toString());
        assertEquals(3, job.getInt("refused"), rows.toString());
        assertEquals(1, job.getInt("unmatchedPhotos"));
        assertEquals(List.of("P1" + t, "CREATED", "ENROLLED", ""), rows.get("2"));
        assertEquals("REFUSED", rows.get("3").get(2));
        assertEquals("duplicate identity: This face is already enrolled for Pat Live (employee id P1" + t + ")", rows.get("3").get(3));
        assertTrue(rows.get("4").get(3).startsWith("PAD failure"), rows.get("4").toString());
        assertTrue(rows.get("5").get(3).startsWith("photo quality: ") && rows.get("5").get(3).contains("NO_FACE"), rows.get("5").toString());
        assertEquals("NO_CONSENT", rows.get("6").get(2));
        assertEquals("NO_PHOTO", rows.get("7").get(2));
        String p1 = staffId("P1" + t);
        Api.as(Api.admin()).get("/api/v1/staff/" + p1 + "/biometrics").then().body("face.samples", equalTo(1))
                .body("consent.source", equalTo("import " + id));
        Api.as(Api.admin()).get("/api/v1/staff/" + staffId("P5" + t) + "/biometrics").then().body("consent", equalTo(null));
        assertEquals(1, audited("DUPLICATE_IDENTITY_REFUSED", staffId("P2" + t)));

        // again: P1 keeps one sample, nothing new is enrolled, the refusals stay refusals
        String again = submit(Api.admin(), file, photos, mapping, VERSION).then().statusCode(202).extract().path("id");
        JsonPath second = finished(again);
        assertEquals(0, second.getInt("enrolled"));
        assertEquals(0, second.getInt("created"));
        assertEquals("ALREADY_ENROLLED", report(again).get("2").get(2));
        Api.as(Api.admin()).get("/api/v1/staff/" + p1 + "/biometrics").then().body("face.samples", equalTo(1));
        assertEquals(1, audited("FACE_ENROLLED", p1));
    }

    @Test
    void hostileFilesAreRefusedWholeBeforeAnythingChanges() {
        String admin = Api.admin();
        byte[] good = csv(HEADER, "H" + tag() + ";Hal Hostile;nurse;ICU;;yes");
        int jobsBefore = Api.as(admin).get("/api/v1/staff/import").then().extract().path("size()");

        // a zip bomb: 7 MB of zeros in a few kilobytes
        byte[] bomb = zip(entries("H1.jpg", new byte[7 * 1024 * 1024]));
        assertTrue(bomb.length < 64 * 1024, "bomb " + bomb.length);
        problem(submit(admin, good, bomb, MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED).body("reason", equalTo("COMPRESSION_RATIO"));
        // names that climb out of the folder, or are absolute, or Windows paths
        for (String name : List.of("../../etc/H1.jpg", "photos/../../H1.jpg", "/tmp/H1.jpg", "C:/H1.jpg", "photos\\..\\H1.jpg")) {
            problem(submit(admin, good, zip(entries(name, DrawnImages.jpeg())), MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED)
                    .body("reason", equalTo("UNSAFE_ENTRY_NAME"));
        }
        // more entries than allowed (20 in this profile)
        Map<String, byte[]> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("E" + i + ".jpg", new byte[] {1});
        }
        problem(submit(admin, good, zip(many), MAPPING, VERSION), 413, ProblemType.REQUEST_TOO_LARGE).body("limit", equalTo("zip-entries"));
        // incompressible bytes over the uncompressed total (8 MB in this profile)
        byte[] noise = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        problem(submit(admin, good, zip(entries("A.jpg", noise, "B.jpg", noise, "C.jpg", noise)), MAPPING, VERSION), 413,
                ProblemType.REQUEST_TOO_LARGE).body("limit", equalTo("zip-total-bytes"));
        problem(submit(admin, good, "not a zip".getBytes(StandardCharsets.US_ASCII), MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED)
                .body("reason", equalTo("NOT_A_ZIP"));
        byte[] cut = zip(entries("H1.jpg", noise));
        problem(submit(admin, good, java.util.Arrays.copyOf(cut, cut.length / 2), MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED)
                .body("reason", equalTo("CORRUPT_ZIP"));

        // CSV: malformed, not UTF-8, too many rows (50), too many bytes (64 KiB), no header
        problem(submit(admin, csv(HEADER, "X1;\"never closed;nurse;ICU;;no"), null, MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED)
                .body("reason", equalTo("CSV_MALFORMED"));
        problem(submit(admin, new byte[] {(byte) 0xC3, 0x28, ';', 'x', '\n'}, null, MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED)
                .body("reason", equalTo("CSV_NOT_UTF8"));
        String[] lines = new String[52];
        lines[0] = HEADER;
        for (int i = 1; i < lines.length; i++) {
            lines[i] = "R" + i + ";Row " + i + ";nurse;ICU;;no";
        }
        problem(submit(admin, csv(lines), null, MAPPING, VERSION), 413, ProblemType.REQUEST_TOO_LARGE).body("limit", equalTo("csv-rows"));
        problem(submit(admin, csv(HEADER, "Z1;" + "z".repeat(70 * 1024) + ";nurse;ICU;;no"), null, MAPPING, VERSION), 413,
                ProblemType.REQUEST_TOO_LARGE).body("limit", equalTo("csv-bytes"));
        problem(submit(admin, new byte[0], null, MAPPING, VERSION), 422, ProblemType.IMPORT_FILE_REFUSED).body("reason", equalTo("CSV_EMPTY"));

        // mapping, consent text version, missing file
        problem(submit(admin, good, null, "{\"ward\":\"Station\"}", VERSION), 400, ProblemType.VALIDATION)
                .body("violations[0].field", equalTo("mapping"));
        problem(submit(admin, good, null, "{\"badge\":\"Access\"}", VERSION), 400, ProblemType.VALIDATION);
        problem(submit(admin, good, null, "not json", VERSION), 400, ProblemType.VALIDATION);
        problem(submit(admin, good, null, MAPPING, null), 400, ProblemType.VALIDATION)
                .body("violations[0].field", equalTo("consentTextVersion"));
        problem(submit(admin, good, null, MAPPING, "2019-01"), 409, ProblemType.CONSENT_TEXT_OUTDATED);
        problem(submit(admin, null, null, MAPPING, VERSION), 400, ProblemType.VALIDATION);

        // only an ADMIN imports, or reads imports
        problem(submit(Api.operator("ENROLLER"), good, null, MAPPING, VERSION), 403, ProblemType.FORBIDDEN);
        problem(submit(Api.operator("AUDITOR"), good, null, MAPPING, VERSION), 403, ProblemType.FORBIDDEN);
        Api.as(Api.operator("ENROLLER")).get("/api/v1/staff/import").then().statusCode(403);
        Api.as(admin).get("/api/v1/staff/import/" + UUID.randomUUID()).then().statusCode(404);

        assertEquals(jobsBefore, (int) Api.as(admin).get("/api/v1/staff/import").then().extract().path("size()"),
                "no refused upload started a job");
    }

    private static io.restassured.response.ValidatableResponse problem(io.restassured.response.Response response, int status,
                                                                       ProblemType type) {
        return response.then().statusCode(status).contentType("application/problem+json").body("type", equalTo(type.uri()));
    }
}
