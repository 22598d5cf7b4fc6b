package org.careid.auth;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The policy in action: dispensing at a cabinet needs two factors, so one refuses and two pass;
 * a PIN is only ever a second factor; scopes the factors do not satisfy are left out.
 */
@QuarkusTest
class MultiFactorTest {
    private static final String FACE = "faces/deepface_p04/";
    private static final String FINGER = "fingerprints/fvc2002_db2_b_102/102_";

    private static String clinician;

    /** One enrolled clinician for the class: enrolling the same face twice is (rightly) refused. */
    private static synchronized String clinician() {
        Datasets.bytes(FACE + "img13.jpg");
        if (clinician != null) {
            return clinician;
        }
        String staff = Api.createStaff("patient/*.read", "medication:dispense");
        Enroll.consent(staff);
        Enroll.faces(staff, FACE + "img13.jpg", FACE + "img14.jpg", FACE + "img15.jpg");
        Enroll.finger(staff, 1, 569, FINGER + "1.tif", FINGER + "2.tif", FINGER + "3.tif");
        Api.givePin(staff, "73915024");
        clinician = staff;
        return staff;
    }

    private static ValidatableResponse auth(DeviceKey device, String scope, boolean face, boolean finger, String pin, String staffId) {
        RequestSpecification r = Api.asDevice(device).multiPart("scope", scope);
        if (face) r = r.multiPart("face", "f.jpg", Datasets.bytes(FACE + "img57.jpg"), "image/jpeg");
        if (finger) r = r.multiPart("fingerprint", "p.tif", Datasets.bytes(FINGER + "5.tif"), "image/tiff").multiPart("dpi", "569");
        if (pin != null) r = r.multiPart("pin", pin);
        if (staffId != null) r = r.multiPart("staffId", staffId);
        return r.post("/api/v1/auth").then();
    }

    @Test
    void cabinetDispensingNeedsTwoFactors() {
        String staff = clinician();
        DeviceKey cabinet = Api.provisionedDevice("cabinet", "ICU");
        auth(cabinet, "medication:dispense", true, false, null, null).statusCode(401)
                .body("second_factor_required", equalTo(true));
        auth(cabinet, "medication:dispense", true, true, null, null).statusCode(200)
                .body("amr", contains("face", "fpt")).body("acr", equalTo("urn:careid:acr:2f"))
                .body("scope", equalTo("medication:dispense"));
        auth(cabinet, "medication:dispense", true, false, "73915024", staff).statusCode(200)
                .body("amr", contains("face", "pin"));
        auth(cabinet, "medication:dispense", true, false, "00000000", staff).statusCode(401);
    }

    @Test
    void aPinAloneNeverAuthenticates() {
        String staff = clinician();
        DeviceKey workstation = Api.provisionedDevice("workstation", "ICU");
        auth(workstation, "patient/*.read", false, false, "73915024", staff).statusCode(400);
    }

    @Test
    void scopesTheFactorsDoNotSatisfyAreLeftOut() {
        String staff = clinician();
        DeviceKey workstation = Api.provisionedDevice("workstation", "ICU");
        auth(workstation, "patient/*.read medication:dispense", false, true, null, staff).statusCode(200)
                .body("scope", equalTo("patient/*.read")).body("amr", contains("fpt"))
                .body("acr", equalTo("urn:careid:acr:1f"));
    }

    @Test
    void policiesAreDataAnAdminEdits() {
        Api.as(Api.admin()).body(Map.of("scope", "patient/*.read", "deviceType", "monitor", "requiredFactors", 2))
                .put("/api/v1/auth/policies").then().statusCode(200).body("requiredFactors", equalTo(2));
        Api.as(Api.operator("ENROLLER")).get("/api/v1/auth/policies").then().statusCode(403);
        Api.as(Api.admin()).body(Map.of("scope", "patient/*.read", "deviceType", "monitor", "requiredFactors", 3))
                .put("/api/v1/auth/policies").then().statusCode(400).body("violations[0].field", equalTo("requiredFactors"));
    }
}
