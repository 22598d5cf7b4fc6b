package org.careid.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.careid.support.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.TestInstance;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What an operator runs into at the kiosk, each tried in one headless Chromium whose camera shows a
 * hard scene: two people, both far from the camera. First login with a password set by an
 * administrator, the live guidance on laptop and tablet screens, escalation in that scene, fingerprint
 * files that are no fingerprints, scopes as choices, error titles, focus after consent, search by ward.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskOperatorGuidanceTest {
    private static final Duration LIVE_TIME = Duration.ofSeconds(90);

    @TestHTTPResource("/kiosk/")
    URL kiosk;

    private KioskBrowser browser;

    @BeforeAll
    void openBrowser() throws IOException {
        Path obama = KioskBrowser.dataset("faces/fr_obama/obama.jpg");
        Path biden = KioskBrowser.dataset("faces/fr_biden/biden.jpg");
        BufferedImage scene = SceneVideo.scene(new SceneVideo.Person(obama, 120, 150, 140),
                new SceneVideo.Person(biden, 380, 130, 140));
        Path video = SceneVideo.write(Path.of("target", "kiosk-video", "two-people-far.y4m"), scene);
        browser = KioskBrowser.openWithCamera(kiosk, video);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Each test starts at the login screen. */
    @AfterEach
    void logOff() {
        browser.script("const b = document.getElementById('logoff'); if (!document.getElementById('session-info').hidden) b.click();");
        browser.visible("login-view");
        browser.viewport(1280, 1600);
    }

    @Test
    void firstLoginAsksForANewPasswordBeforeAnythingElse() throws Exception {
        String username = "first-" + UUID.randomUUID().toString().substring(0, 8);
        String initial = Api.as(Api.admin()).body(Map.of("username", username, "role", "ENROLLER"))
                .post("/api/v1/operators").then().statusCode(201).extract().path("initialPassword");

        browser.type("login-username", username);
        browser.type("login-password", initial);
        browser.click("login-submit");
        browser.visible("password-view");
        assertFalse(browser.byId("staff-view").isDisplayed(), "nothing else before the password is changed");
        assertTrue(browser.byId("status").getText().contains("Choose a new password"), browser.byId("status").getText());
        browser.screenshot(30, "first-login-password");
        browser.assertAccessible("first-login password screen");

        // The two new passwords differ: said in plain words, nothing sent.
        browser.type("password-current", initial);
        browser.type("password-new", "Kiosk-first-Passw0rd");
        browser.type("password-repeat", "Kiosk-first-Passw0rX");
        browser.click("password-submit");
        assertTrue(browser.waitForText("error", "not the same").contains("not the same"));

        browser.type("password-repeat", "Kiosk-first-Passw0rd");
        browser.click("password-submit");
        browser.visible("staff-view");
        assertTrue(browser.waitForText("status", "Your password was changed").contains("changed"),
                "the message stays after the staff list loads");
        // The new password works, the old one no longer does.
        Api.login(username, "Kiosk-first-Passw0rd");
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("username", username, "password", initial)).post("/api/v1/operators/login")
                .then().statusCode(401);
        browser.assertNoConsoleErrors();
    }

    @Test
    void loginErrorTitleIsNotDoubled() {
        browser.type("login-username", "no-such-operator");
        browser.type("login-password", "wrong password");
        browser.click("login-submit");
        String error = browser.waitForText("error", "Login failed");
        assertFalse(error.contains("Login failed: Login failed"), error);
        assertTrue(error.startsWith("Login failed."), error);
        browser.assertNoConsoleErrors(401);
    }

    @Test
    void liveGuidanceFitsLaptopAndTabletScreensAndEscalatesInAHardScene() throws Exception {
        String staffId = consentedStaff("Far Away");
        Api.Account admin = Api.newOperator("ADMIN");
        browser.login(admin.username(), admin.password());
        browser.openPerson(staffId);
        browser.visible("capture-panel");
        browser.viewport(1366, 768);
        browser.click("face-start");
        browser.visible("camera");
        new WebDriverWait(browser.driver, LIVE_TIME).until(d -> {
            String guidance = d.findElement(By.id("face-guidance")).getText();
            return !guidance.isBlank() && !guidance.startsWith("Checking");
        });

        // Camera, guidance line and progress visible together, without scrolling.
        int shot = 31;
        for (int[] size : new int[][] {{1366, 768}, {1280, 800}, {1366, 657}}) {
            browser.viewport(size[0], size[1]);
            browser.script("document.getElementById('face-live').scrollIntoView({block: 'start'});");
            for (String id : List.of("camera", "face-guidance", "face-progress", "face-progress-bar")) {
                browser.assertWithinViewport(id);
            }
            browser.screenshot(shot++, "face-live-" + size[0] + "x" + size[1]);
        }

        // Both people are outlined, and after a while the operator gets one clear instruction
        // naming both problems instead of a flicker between them.
        new WebDriverWait(browser.driver, LIVE_TIME).until(d ->
                Integer.parseInt(d.findElement(By.id("camera-overlay")).getDomAttribute("data-faces")) >= 2);
        String advice = new WebDriverWait(browser.driver, LIVE_TIME).until(d -> {
            WebElement e = d.findElement(By.id("face-advice"));
            return "true".equals(e.getDomAttribute("data-escalated")) ? e.getText() : null;
        });
        browser.screenshot(34, "face-escalated-advice");
        browser.assertAccessible("live face capture");
        assertTrue(advice.startsWith("Still no good picture."), advice);
        assertTrue(advice.contains("step out of view"), advice);
        assertTrue(advice.contains("closer"), advice);
        assertTrue(browser.byId("face-progress").getText().contains("0 of 3"), "nothing taken from this scene");
        browser.click("face-stop");
        browser.assertNoConsoleErrors();
    }

    @Test
    void fingerprintFilesThatAreNoFingerprintsAreRefusedEachWithItsReason() throws Exception {
        Path real = KioskBrowser.dataset("fingerprints/fvc2002_db1_b_101/101_1.tif");
        Path face = KioskBrowser.dataset("faces/fr_obama/obama1.jpg");
        Path drawing = drawing(Path.of("target", "kiosk-files", "drawing.png"));
        Path text = Files.writeString(Path.of("target", "kiosk-files", "notes.txt"), "not an image at all\n",
                StandardCharsets.UTF_8);
        String staffId = consentedStaff("Finger Files");
        Api.Account admin = Api.newOperator("ADMIN");
        browser.login(admin.username(), admin.password());
        browser.openPerson(staffId);
        browser.visible("capture-panel");
        browser.byId("finger-files").sendKeys(String.join("\n", List.of(real, face, drawing, text).stream()
                .map(p -> p.toAbsolutePath().toString()).toList()));
        browser.wait.until(d -> d.findElements(By.cssSelector("#finger-file-list li")).size() == 4);
        browser.click("finger-submit");
        // Four images, one a large photo, checked one by one on a busy 2-core machine: allow the time.
        new WebDriverWait(browser.driver, LIVE_TIME).until(d -> d.findElements(By.cssSelector("#finger-file-list li[data-verdict]")).size() == 4);
        browser.screenshot(35, "fingerprint-files-refused");
        browser.assertAccessible("fingerprint verdicts");

        assertEquals("accepted", verdictOf("101_1.tif"));
        assertEquals("refused", verdictOf("obama1.jpg"));
        assertTrue(fileLine("obama1.jpg").contains("not a fingerprint"), fileLine("obama1.jpg"));
        assertEquals("refused", verdictOf("drawing.png"));
        assertTrue(fileLine("drawing.png").contains("not a fingerprint"), fileLine("drawing.png"));
        assertEquals("refused", verdictOf("notes.txt"));
        assertTrue(fileLine("notes.txt").contains("not a fingerprint image the server can read"), fileLine("notes.txt"));
        String verdict = browser.byId("finger-verdict").getText();
        assertTrue(verdict.contains("3 files were refused"), verdict);
        assertFalse(verdict.contains("same finger"), "an unreadable file is not called another finger: " + verdict);
        browser.assertNoConsoleErrors(422);
    }

    @Test
    void scopesAreChosenFromTheServersListAndFocusStaysOnThePageAfterConsent() throws Exception {
        String scope = "kiosk" + UUID.randomUUID().toString().substring(0, 6) + ".read";
        Api.as(Api.admin()).body(Map.of("name", scope, "description", "Read kiosk test data"))
                .post("/api/v1/scopes").then().statusCode(201);
        Api.Account admin = Api.newOperator("ADMIN");
        browser.login(admin.username(), admin.password());
        By choice = By.cssSelector("#create-scopes input[data-scope='" + scope + "']");
        browser.wait.until(d -> !d.findElements(choice).isEmpty());
        assertTrue(browser.driver.findElements(By.cssSelector("#create-scopes input[data-scope='patient:read']")).isEmpty(),
                "no invented scope is offered");
        String employeeId = "S" + UUID.randomUUID().toString().substring(0, 8);
        String ward = "Ward " + UUID.randomUUID().toString().substring(0, 6);
        browser.type("create-employee-id", employeeId);
        browser.type("create-display-name", "Scoped Clinician " + employeeId);
        browser.type("create-clinical-role", "nurse");
        browser.type("create-ward", ward);
        browser.driver.findElement(choice).click();
        browser.screenshot(36, "scope-choices");
        browser.assertAccessible("staff search and scope choices");
        browser.click("create-submit");
        browser.waitForText("person-summary", "scopes: " + scope);

        browser.visible("consent-form");
        browser.click("consent-agree");
        browser.byId("consent-submit").sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.visible("capture-panel");
        browser.wait.until(d -> "capture-title".equals(browser.script("return document.activeElement && document.activeElement.id")));
        assertFalse((Boolean) browser.script("return document.activeElement === document.body"), "focus dropped to the body");

        // Search by ward finds the person.
        browser.click("back-to-search");
        browser.visible("staff-view");
        browser.type("search-q", ward);
        browser.click("search-submit");
        String results = browser.waitForText("search-results", employeeId);
        assertTrue(results.contains(ward), results);
        browser.assertNoConsoleErrors();
    }

    private String fileLine(String name) {
        return browser.driver.findElement(By.cssSelector("#finger-file-list li[data-file='" + name + "']")).getText();
    }

    private String verdictOf(String name) {
        return browser.driver.findElement(By.cssSelector("#finger-file-list li[data-file='" + name + "']")).getDomAttribute("data-verdict");
    }

    /** A staff member with consent recorded, through the API. */
    private static String consentedStaff(String name) {
        String staffId = Api.createStaff();
        String version = Api.as(Api.admin()).get("/api/v1/consent/text").then().statusCode(200).extract().path("version");
        Api.as(Api.admin()).body(Map.of("textVersion", version)).post("/api/v1/staff/" + staffId + "/consent")
                .then().statusCode(200);
        Api.as(Api.admin()).body(Map.of("displayName", name + " " + staffId.substring(0, 6))).put("/api/v1/staff/" + staffId)
                .then().statusCode(200);
        return staffId;
    }


    /** A drawing someone might scan by mistake: a house, a sun and a word, in ink on white. */
    private static Path drawing(Path target) throws IOException {
        BufferedImage image = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 400);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(4));
        g.drawRect(80, 180, 200, 160);
        g.drawLine(80, 180, 180, 90);
        g.drawLine(180, 90, 280, 180);
        g.drawRect(160, 260, 40, 80);
        g.drawOval(300, 30, 70, 70);
        for (int i = 0; i < 8; i++) {
            double a = i * Math.PI / 4;
            g.drawLine((int) (335 + 45 * Math.cos(a)), (int) (65 + 45 * Math.sin(a)),
                    (int) (335 + 60 * Math.cos(a)), (int) (65 + 60 * Math.sin(a)));
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
        g.drawString("HOME", 120, 390);
        g.dispose();
        Files.createDirectories(target.getParent());
        ImageIO.write(image, "png", target.toFile());
        return target;
    }
}
