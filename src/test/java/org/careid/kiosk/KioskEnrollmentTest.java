package org.careid.kiosk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An administrator enrolls a clinician through the kiosk page in a real browser: face from the
 * (fake) camera, then fingerprints from scanner files; the enrolled face then authenticates the
 * clinician at a device through the API, and a stranger's face does not.
 */
@QuarkusTest
class KioskEnrollmentTest {
    private static final Duration CAPTURE_TIME = Duration.ofSeconds(90);

    @TestHTTPResource("/kiosk/")
    URL kiosk;

    @Test
    void adminEnrollsAFaceFromTheLiveCameraAndItAuthenticatesAtADevice() throws Exception {
        Path samePerson = KioskBrowser.dataset("faces/fr_obama/obama2.jpg");
        Path someoneElse = KioskBrowser.dataset("faces/fr_biden/biden.jpg");
        String employeeId = "K" + UUID.randomUUID().toString().substring(0, 8);
        String staffId;
        try (KioskBrowser browser = KioskBrowser.openWithCamera(kiosk)) {
            browser.screenshot(1, "login");
            Api.Account admin = Api.newOperator("ADMIN");
            browser.login(admin.username(), admin.password());
            assertEquals("ADMIN", browser.byId("operator-role").getText());
            assertEquals(Boolean.TRUE, browser.script("return localStorage.length === 0 && sessionStorage.length === 0"),
                    "the operator token lives in memory only");
            assertTrue(browser.byId("create-scopes").isDisplayed(), "an ADMIN may grant scopes");
            browser.screenshot(2, "staff-search");

            browser.type("create-employee-id", employeeId);
            browser.type("create-display-name", "Kiosk Clinician " + employeeId);
            browser.type("create-clinical-role", "physician");
            browser.type("create-ward", "ICU");
            // Scopes are choices from the server's list of known scopes, not free text.
            browser.wait.until(d -> !d.findElements(By.cssSelector("#create-scopes input[data-scope='device:unlock']")).isEmpty());
            browser.driver.findElement(By.cssSelector("#create-scopes input[data-scope='patient/*.read']")).click();
            browser.driver.findElement(By.cssSelector("#create-scopes input[data-scope='device:unlock']")).click();
            browser.click("create-submit");
            browser.waitForText("person-title", "Kiosk Clinician " + employeeId);
            assertTrue(browser.byId("person-summary").getText().contains("scopes: device:unlock patient/*.read"),
                    browser.byId("person-summary").getText());
            staffId = Api.as(Api.admin()).queryParam("q", employeeId).get("/api/v1/staff")
                    .then().statusCode(200).body("total", equalTo(1)).extract().path("items[0].id");

            // No consent, no capture.
            browser.visible("consent-form");
            assertFalse(browser.byId("capture-panel").isDisplayed(), "no capture before consent");
            assertFalse(browser.byId("consent-text").getText().isBlank(), "the consent text is shown");
            browser.screenshot(3, "consent");
            browser.click("consent-agree");
            browser.click("consent-submit");
            browser.visible("consent-given");
            browser.visible("capture-panel");

            browser.click("face-start");
            browser.wait.until(d -> d.findElement(By.id("camera")).isDisplayed() || d.findElement(By.id("error")).isDisplayed());
            assertEquals("", browser.errorText(), "the camera starts");
            // The first answer of the live check: guidance in words and the face box on the overlay.
            new WebDriverWait(browser.driver, CAPTURE_TIME).until(d -> {
                String guidance = d.findElement(By.id("face-guidance")).getText();
                return !guidance.isBlank() && !guidance.startsWith("Checking")
                        || !d.findElements(By.id("face-verdict")).isEmpty();
            });
            browser.screenshot(4, "face-capture");
            new WebDriverWait(browser.driver, CAPTURE_TIME)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("face-verdict")));
            String verdict = browser.byId("face-verdict").getText();
            browser.screenshot(5, "face-enrolled");
            assertTrue(verdict.startsWith("Face enrolled"), verdict + " / " + browser.errorText());
            String state = browser.waitForText("state-list", "Face: ");
            assertTrue(state.matches("(?s).*Face: [3-9] samples.*by you \\(" + admin.username() + "\\).*"), state);
            browser.script("document.getElementById('state-panel').scrollIntoView()");
            browser.screenshot(6, "enrollment-state");
            browser.assertNoConsoleErrors();
        }

        // Through the API, at a provisioned bedside device: the same person, another photo...
        DeviceKey device = Api.provisionedDevice();
        // (patient/*.read needs one factor at a workstation under the default policy)
        String token = Api.asDevice(device).multiPart("image", samePerson.toFile(), "image/jpeg")
                .multiPart("scope", "patient/*.read")
                .post("/api/v1/auth/face").then().statusCode(200)
                .body("scope", equalTo("patient/*.read")).extract().path("access_token");
        assertEquals(staffId, subjectOf(token), "the token is issued to the enrolled clinician");
        // ...and someone else is refused.
        Api.asDevice(device).multiPart("image", someoneElse.toFile(), "image/jpeg")
                .multiPart("scope", "patient/*.read")
                .post("/api/v1/auth/face").then().statusCode(401);

        // The same face for another staff member is refused, and the kiosk says why in plain words.
        String twin = Api.createStaff();
        String version = Api.as(Api.admin()).get("/api/v1/consent/text").then().statusCode(200).extract().path("version");
        Api.as(Api.admin()).body(Map.of("textVersion", version)).post("/api/v1/staff/" + twin + "/consent")
                .then().statusCode(200);
        try (KioskBrowser browser = KioskBrowser.openWithCamera(kiosk)) {
            Api.Account admin = Api.newOperator("ADMIN");
            browser.login(admin.username(), admin.password());
            browser.openPerson(twin);
            browser.visible("capture-panel");
            browser.click("face-start");
            String verdict = new WebDriverWait(browser.driver, CAPTURE_TIME)
                    .until(ExpectedConditions.presenceOfElementLocated(By.id("face-verdict"))).getText();
            browser.screenshot(7, "face-duplicate-refused");
            // The operator is told who already has this face.
            assertTrue(verdict.contains("already enrolled for Kiosk Clinician " + employeeId + " (employee id " + employeeId + ")"), verdict);
            assertTrue(browser.waitForText("state-list", "Face: not enrolled").contains("Face: not enrolled"));
            browser.assertNoConsoleErrors(409);
        }
    }


    @Test
    void fingerprintEnrollmentByFileUploadThenConsentWithdrawalErasesIt() throws Exception {
        List<Path> impressions = List.of(
                KioskBrowser.dataset("fingerprints/fvc2002_db1_b_101/101_1.tif"),
                KioskBrowser.dataset("fingerprints/fvc2002_db1_b_101/101_2.tif"),
                KioskBrowser.dataset("fingerprints/fvc2002_db1_b_101/101_3.tif"));
        String staffId = Api.createStaff();
        try (KioskBrowser browser = KioskBrowser.open(kiosk)) {
            Api.Account admin = Api.newOperator("ADMIN");
            browser.login(admin.username(), admin.password());
            browser.openPerson(staffId);
            browser.screenshot(10, "fingerprint-person");
            browser.visible("consent-form");
            browser.click("consent-agree");
            browser.click("consent-submit");
            browser.visible("capture-panel");

            new Select(browser.byId("finger-select")).selectByValue("2");
            assertEquals("500", browser.byId("finger-dpi").getDomProperty("value"), "500 dpi by default");
            browser.byId("finger-files").sendKeys(String.join("\n",
                    impressions.stream().map(p -> p.toAbsolutePath().toString()).toList()));
            browser.wait.until(d -> d.findElements(By.cssSelector("#finger-file-list li")).size() == 3);
            browser.screenshot(11, "fingerprint-files");
            browser.click("finger-submit");
            String verdict = browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("finger-verdict"))).getText();
            browser.screenshot(12, "fingerprint-enrolled");
            assertTrue(verdict.contains("Right index finger enrolled with 3 impressions"), verdict + " / " + browser.errorText());
            assertEquals(3, browser.driver.findElements(By.cssSelector("#finger-result li[data-verdict='accepted']")).size());
            String state = browser.waitForText("state-list", "Fingerprint, right index finger (2): 3 impressions");
            assertTrue(state.contains("by you (" + admin.username() + ")"), state);

            // Withdrawal of consent erases the biometrics, after a confirmation.
            browser.click("withdraw-consent");
            browser.visible("confirm-dialog");
            browser.screenshot(13, "withdraw-confirm");
            browser.click("confirm-ok");
            browser.waitForText("state-list", "Fingerprints: none enrolled");
            browser.visible("consent-form");
            assertFalse(browser.byId("capture-panel").isDisplayed(), "no capture after withdrawal");
            browser.screenshot(14, "consent-withdrawn");
            browser.assertNoConsoleErrors();
        }
        given().header("Authorization", "Bearer " + Api.admin()).get("/api/v1/staff/" + staffId + "/biometrics")
                .then().statusCode(200).body("fingerprints.size()", equalTo(0));
    }

    @SuppressWarnings("unchecked")
    private static String subjectOf(String jwt) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return (String) new ObjectMapper().readValue(payload, Map.class).get("sub");
    }
}
