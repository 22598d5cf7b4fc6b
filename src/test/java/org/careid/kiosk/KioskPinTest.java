package org.careid.kiosk;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.careid.support.Api;
import org.careid.support.CapturedLogs;
import org.careid.support.DeviceKey;
import org.careid.support.Enroll;
import org.careid.support.VideoFrames;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The clinician's PIN at the kiosk's PIN pad, in headless Chromium with the fake camera showing the
 * clinician (the shared still-face video). An ENROLLER opens the clinician; the clinician types the
 * PIN twice (pad keys and digit keys), confirms it with their live face, and the PIN then opens
 * emergency access at a device while another PIN does not. Refusals are shown in plain words: a
 * PIN too easy to guess (the server's problem body), two different entries, and a face that is not
 * the person's own. The digits are never in the page, the browser console or the server log.
 */
@QuarkusTest
class KioskPinTest {
    private static final String PIN = "48139275";
    private static final String WEAK = "111111";
    /** Frames of the very video the fake camera shows: the clinician's face. */
    private static final String CAMERA = KioskBrowser.CAMERA_VIDEO;

    @TestHTTPResource("/kiosk/")
    URL kiosk;

    @Test
    void theClinicianSetsTheirOwnPinAtThePadAndItOpensEmergencyAccess() throws Exception {
        List<byte[]> camera = VideoFrames.y4m(CAMERA);
        String clinician = enrolledWith(List.of(camera.get(0), camera.get(7), camera.get(14)));
        String stranger = enrolledWith(List.of(Files.readAllBytes(KioskBrowser.dataset("faces/fr_biden/biden.jpg")),
                Files.readAllBytes(KioskBrowser.dataset("faces/fr_biden/biden2.jpg"))));
        try (CapturedLogs logs = CapturedLogs.start(); KioskBrowser browser = KioskBrowser.openWithCamera(kiosk)) {
            browser.viewport(1366, 768);
            Api.Account enroller = Api.newOperator("ENROLLER");
            browser.login(enroller.username(), enroller.password());

            // Someone else's face cannot confirm a PIN for the stranger.
            openPinPanel(browser, stranger);
            browser.click("pin-start");
            typeOnPad(browser, PIN);
            browser.click("pin-next");
            typeWithKeys(browser, PIN);
            browser.click("pin-next");
            browser.click("pin-face");
            String refused = browser.waitForText("pin-verdict", "PIN not set");
            assertTrue(refused.contains("did not confirm"), refused);
            browser.screenshot(30, "pin-not-confirmed");

            // The clinician: a PIN too easy to guess is refused by the server, in plain words.
            browser.click("back-to-search");
            openPinPanel(browser, clinician);
            browser.click("pin-start");
            typeWithKeys(browser, WEAK);
            browser.click("pin-next");
            typeOnPad(browser, WEAK);
            browser.click("pin-next");
            browser.click("pin-face");
            String weak = browser.waitForText("pin-verdict", "PIN not set");
            assertTrue(weak.contains("too easy to guess"), weak);
            assertTrue(browser.errorText().contains("too easy to guess"), browser.errorText());

            // Two different entries: said at once, and the entry starts again.
            browser.click("pin-start");
            typeOnPad(browser, PIN);
            browser.click("pin-next");
            typeOnPad(browser, "48139276");
            browser.click("pin-next");
            assertTrue(browser.errorText().contains("not the same"), browser.errorText());
            assertTrue(browser.byId("pin-step").getText().startsWith("Step 1 of 3"));

            // The right way: typed twice, masked, confirmed by the live face.
            typeOnPad(browser, PIN.substring(0, 4));
            typeWithKeys(browser, PIN.substring(4));
            assertEquals("\u25CF".repeat(PIN.length()), browser.byId("pin-dots").getText(), "dots only");
            assertEquals("8 digits typed.", browser.byId("pin-count").getText());
            assertNotInPage(browser, PIN);
            browser.assertWithinViewport("pin-pad");
            browser.assertAccessible("PIN pad");
            copyTo(browser.screenshot(31, "pin-pad"), Path.of("docs", "kiosk-pin.png"));
            browser.click("pin-next");
            typeWithKeys(browser, PIN);
            new Actions(browser.driver).sendKeys("\n").perform();   // Enter on the pad: next
            browser.visible("pin-confirm");
            browser.assertAccessible("PIN confirmation");
            browser.click("pin-face");
            String verdict = browser.waitForText("pin-verdict", "PIN set for");
            assertTrue(verdict.contains("kept no copy"), verdict);
            assertNotInPage(browser, PIN);
            assertEquals("", browser.byId("pin-dots").getText(), "nothing typed remains");
            browser.screenshot(32, "pin-set");
            assertTrue(browser.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .noneMatch(e -> e.getMessage().contains(PIN)), "the PIN is not in the browser console");
            browser.assertNoConsoleErrors(400, 403);
            assertTrue(logs.atLeast(Level.ALL).stream().noneMatch(r -> String.valueOf(r.getMessage()).contains(PIN)
                    || (r.getParameters() != null && List.of(r.getParameters()).toString().contains(PIN))), "the PIN is not logged");
        }

        // At a device: the PIN just set opens emergency access; another PIN does not.
        DeviceKey device = Api.provisionedDevice("bedside", "ICU");
        emergency(device, clinician, "48139276").statusCode(401);
        emergency(device, clinician, PIN).statusCode(200).body("access_token", notNullValue());
        String audited = "";
        for (int i = 0; i < 100 && !audited.contains("\"outcome\":\"SUCCESS\""); i++) {   // the chain is appended soon after
            audited = Api.as(Api.operator("AUDITOR")).queryParam("action", "STAFF_PIN_CHOSEN").queryParam("targetId", clinician)
                    .get("/api/v1/audit").then().statusCode(200).extract().asString();
            Thread.sleep(100);
        }
        assertTrue(audited.contains("\"outcome\":\"SUCCESS\""), "the PIN choice is audited: " + audited);
        assertFalse(audited.contains(PIN) || audited.contains(WEAK), "the audit trail holds no PIN");
    }

    private static io.restassured.response.ValidatableResponse emergency(DeviceKey device, String staff, String pin) {
        return Api.asDevice(device).contentType(ContentType.JSON)
                .body(Map.of("staffId", staff, "pin", pin, "reason", "INJURY")).post("/api/v1/auth/emergency").then();
    }

    /** A person enrolled with these pictures, or the person who already holds that face. */
    private static String enrolledWith(List<byte[]> pictures) {
        String staff = Api.createStaff("patient/*.read");
        Enroll.consent(staff);
        RequestSpecification r = io.restassured.RestAssured.given().header("Authorization", "Bearer " + Api.admin());
        for (int i = 0; i < pictures.size(); i++) {
            r = r.multiPart("images", "p" + i + ".jpg", pictures.get(i), "image/jpeg");
        }
        Response answer = r.post("/api/v1/staff/" + staff + "/faces");
        if (answer.statusCode() == 409) {
            return answer.then().body("type", equalTo("https://careid.org/problems/duplicate-identity"))
                    .extract().path("existingStaff.id");
        }
        answer.then().statusCode(200).body("samples", org.hamcrest.Matchers.greaterThan(0));
        return staff;
    }

    private static void typeOnPad(KioskBrowser browser, String digits) {
        for (char d : digits.toCharArray()) {
            browser.driver.findElement(By.cssSelector("#pin-pad button[data-digit='" + d + "']")).click();
        }
    }

    /** Digit keys go to whatever in the PIN entry has the focus (the pad itself after each step). */
    private static void typeWithKeys(KioskBrowser browser, String digits) {
        browser.visible("pin-pad");
        new Actions(browser.driver).sendKeys(digits).perform();
    }

    private static void assertNotInPage(KioskBrowser browser, String pin) {
        assertEquals(Boolean.FALSE, browser.script("const pin = arguments[0];"
                + "return document.documentElement.outerHTML.includes(pin)"
                + " || [...document.querySelectorAll('input')].some((i) => String(i.value).includes(pin))", pin),
                "the PIN is nowhere in the page");
    }

    private static void copyTo(Path shot, Path target) throws java.io.IOException {
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Opens the person and waits for their PIN panel. */
    private static void openPinPanel(KioskBrowser browser, String staffId) {
        browser.openPerson(staffId);
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pin-panel")));
    }
}
