package org.careid.console;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.careid.support.Api;
import org.careid.support.DeviceKey;
import org.careid.support.DrawnImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console's Import, Policies and Security pages in one headless Chromium at 1366x768, each
 * checked against the API it drives, screenshotted, and scanned with axe-core.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAdminPagesTest {
    @TestHTTPResource("/console/")
    URL console;

    private ConsoleBrowser browser;
    private Path files;

    @BeforeAll
    void openBrowser() throws IOException {
        browser = ConsoleBrowser.open(console);
        files = Files.createTempDirectory("careid-console-import");
    }

    /** Logs in with an ADMIN account of this class once (REST Assured knows the app's port only in a test). */
    private void loggedInAsAdmin() {
        if (!browser.byId("nav").isDisplayed()) {
            Api.Account admin = Api.newOperator("ADMIN");
            browser.login(admin.username(), admin.password());
            browser.wait.until(d -> "overview-page".equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
        }
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (files != null) {
            try (var paths = Files.walk(files)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void importMapsTheColumnsShowsProgressAndTheRefusalsAndDownloadsTheReport() throws Exception {
        String t = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Path csv = files.resolve("hr-export.csv");
        Files.writeString(csv, String.join("\r\n",
                "Personalnummer,Name,Job title,Department,Permissions,Consent given",
                "K1" + t + ",Kim Console,nurse,ICU,patient/*.read,no",
                "K2" + t + ",Kai Typo,nurse,ICU,patient:read,no",
                "K3" + t + ",Kit Photo,physician,ER,vitals.write,no") + "\r\n", StandardCharsets.UTF_8);
        Path zip = files.resolve("badges.zip");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("K3" + t + ".jpg"));
            out.write(DrawnImages.jpeg());
            out.closeEntry();
        }
        Files.write(zip, bytes.toByteArray());

        loggedInAsAdmin();
        browser.page("import-page");
        browser.waitForText("import-consent-version", "2026-11");
        browser.byId("import-csv").sendKeys(csv.toAbsolutePath().toString());
        browser.visible("import-mapping-panel");
        // the guessable names are preselected; the employee id column is chosen by hand
        assertEquals("Name", new Select(browser.byId("map-displayName")).getFirstSelectedOption().getText());
        assertEquals("Consent given", new Select(browser.byId("map-consent")).getFirstSelectedOption().getText());
        new Select(browser.byId("map-employeeId")).selectByVisibleText("Personalnummer");
        browser.byId("import-photos").sendKeys(zip.toAbsolutePath().toString());
        browser.click("import-submit");
        browser.wait.until(d -> "DONE".equals(d.findElement(By.tagName("body")).getDomAttribute("data-import-state")));
        browser.waitForText("import-refused", "unknown scope patient:read");
        assertEquals(Boolean.TRUE, browser.script("const p = document.getElementById('import-progress'); return p.value === p.max && p.max === 3"));
        assertTrue(browser.byId("import-progress-text").getText().contains("3 of 3 rows done"), browser.byId("import-progress-text").getText());
        Api.as(Api.admin()).queryParam("q", "K1" + t).get("/api/v1/staff").then().body("total", equalTo(1))
                .body("items[0].displayName", equalTo("Kim Console"));
        browser.screenshot("console-import");
        browser.assertAccessible("import with progress and refusals");
        browser.click("import-report");
        browser.wait.until(d -> browser.byId("import-report").getDomAttribute("data-bytes") != null);
        assertTrue(Integer.parseInt(browser.byId("import-report").getDomAttribute("data-bytes")) > 40);
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void policiesAreSetEditedAndDeletedThroughThePolicyApiAndAudited() throws Exception {
        String type = "cart" + UUID.randomUUID().toString().substring(0, 6);
        loggedInAsAdmin();
        browser.page("policies-page");
        browser.waitForText("emergency-settings", "60 seconds");
        assertTrue(browser.byId("emergency-settings").getText().contains("infusion-pump"));
        new Select(browser.byId("policy-scope")).selectByValue("infusion:override");
        browser.type("policy-device-type", type);
        new Select(browser.byId("policy-factors")).selectByValue("2");
        browser.click("policy-challenge");
        browser.click("policy-submit");
        browser.waitForText("policy-results", type);
        Map<String, Object> rule = rule(type);
        assertEquals(2, rule.get("requiredFactors"));
        assertEquals(Boolean.TRUE, rule.get("faceChallenge"));
        String id = (String) rule.get("id");
        Api.as(Api.operator("AUDITOR")).queryParam("action", "AUTH_POLICY_SET").queryParam("targetId", id)
                .get("/api/v1/audit").then().body("total", equalTo(1));
        browser.screenshot("console-policies");
        browser.assertAccessible("policies");

        browser.click(By.cssSelector("button[data-rule='" + id + "'][data-action='edit']"));
        new Select(browser.byId("policy-factors")).selectByValue("1");
        browser.click("policy-challenge");
        browser.click("policy-submit");
        browser.waitForText("status", "now needs 1 factor");
        assertEquals(1, rule(type).get("requiredFactors"));
        assertEquals(Boolean.FALSE, rule(type).get("faceChallenge"));
        browser.click(By.cssSelector("button[data-rule='" + id + "'][data-action='delete']"));
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.wait.until(d -> !d.findElement(By.id("policy-results")).getText().contains(type));
        assertEquals(null, rule(type));
        Api.as(Api.operator("AUDITOR")).queryParam("action", "AUTH_POLICY_DELETED").queryParam("targetId", id)
                .get("/api/v1/audit").then().body("total", equalTo(1));

        // the emergency settings: edited as data, then back to the configuration
        browser.type("emergency-lifetime", "45");
        browser.click("emergency-submit");
        browser.waitForText("status", "emergency settings were saved");
        Api.as(Api.admin()).get("/api/v1/auth/policies/emergency").then().statusCode(200)
                .body("lifetimeSeconds", equalTo(45)).body("source", equalTo("administrator"))
                .body("disabledDeviceTypes", org.hamcrest.Matchers.contains("infusion-pump"));
        browser.waitForText("emergency-settings", "45 seconds");
        browser.click("emergency-reset");
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.waitForText("status", "server configuration again");
        Api.as(Api.admin()).get("/api/v1/auth/policies/emergency").then().body("source", equalTo("configuration"))
                .body("lifetimeSeconds", equalTo(60));
        browser.assertNoConsoleErrors();
    }

    private static Map<String, Object> rule(String deviceType) {
        List<Map<String, Object>> rules = Api.as(Api.admin()).get("/api/v1/auth/policies").then().statusCode(200).extract().as(new io.restassured.common.mapper.TypeRef<List<Map<String, Object>>>() {});
        return rules.stream().filter(r -> deviceType.equals(r.get("deviceType"))).findFirst().orElse(null);
    }

    @Test
    @Order(3)
    void securityClosesABreakGlassReviewRotatesTheKeyAndSearchesVerifiesAndExportsTheAudit() throws Exception {
        // one emergency access at a device, so there is a review to close
        String staff = Api.createStaff("patient/*.read");
        Api.givePin(staff, "482915");
        DeviceKey device = Api.provisionedDevice();
        Api.asDevice(device).contentType("application/json")
                .body(Map.of("staffId", staff, "pin", "482915", "reason", "INJURY")).post("/api/v1/auth/emergency").then().statusCode(200);
        List<Map<String, Object>> pending = Api.as(Api.admin()).queryParam("status", "PENDING").get("/api/v1/threats/break-glass")
                .then().statusCode(200).extract().as(new io.restassured.common.mapper.TypeRef<List<Map<String, Object>>>() {});
        String review = pending.stream().filter(r -> staff.equals(r.get("staffId"))).map(r -> (String) r.get("id")).findFirst().orElseThrow();
        String keyBefore = activeKey();

        loggedInAsAdmin();
        browser.page("security-page");
        browser.waitForText("key-results", keyBefore);
        browser.click(By.cssSelector("button[data-review='" + review + "'][data-justified='true']"));
        browser.visible("note-dialog");
        browser.type("note-text", "Bandaged hand, confirmed with the ward manager");
        browser.click("note-ok");
        browser.waitForText("status", "review was closed");
        Api.as(Api.admin()).get("/api/v1/threats/break-glass/" + review).then().body("status", equalTo("JUSTIFIED"))
                .body("reviewNote", equalTo("Bandaged hand, confirmed with the ward manager"));

        // the emergency access came soon after a PIN change: the pin-change-break-glass detector raised an alert
        String alert = null;
        for (int i = 0; i < 100 && alert == null; i++) {
            List<Map<String, Object>> alerts = Api.as(Api.admin()).queryParam("subjectId", staff).get("/api/v1/threats/alerts")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            alert = alerts.isEmpty() ? null : (String) alerts.get(0).get("id");
            if (alert == null) {
                Thread.sleep(100);
            }
        }
        org.careid.support.Prerequisites.require(alert != null, "no alert raised for the emergency access");
        browser.click("alert-filter-submit");
        browser.click(By.cssSelector("button[data-alert='" + alert + "'][data-action='responses']"));
        browser.waitForText("alert-responses", "Automatic responses");
        browser.click(By.cssSelector("button[data-alert='" + alert + "'][data-action='acknowledge']"));
        browser.waitForText("status", "was acknowledged");
        Api.as(Api.admin()).get("/api/v1/threats/alerts/" + alert).then().body("status", equalTo("ACKNOWLEDGED"));
        new Select(browser.byId("alert-status")).selectByValue("ACKNOWLEDGED");
        browser.click("alert-filter-submit");
        browser.click(By.cssSelector("button[data-alert='" + alert + "'][data-action='resolve']"));
        browser.visible("note-dialog");
        browser.type("note-text", "PIN changed by the clinician herself before the emergency");
        browser.click("note-ok");
        browser.waitForText("status", "was resolved");
        Api.as(Api.admin()).get("/api/v1/threats/alerts/" + alert).then().body("status", equalTo("RESOLVED"))
                .body("resolutionNote", equalTo("PIN changed by the clinician herself before the emergency"));

        browser.click("key-rotate");
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.waitForText("status", "was rotated");
        String keyAfter = activeKey();
        assertFalse(keyBefore.equals(keyAfter), "a new key is active");
        browser.waitForText("key-results", keyAfter);
        browser.click("checkpoint-key-rotate");
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.waitForText("status", "audit checkpoint key was rotated");

        browser.type("audit-action", "BREAK_GLASS_REVIEW_CLOSED");
        browser.click("audit-search-submit");
        browser.waitForText("audit-results", "BREAK_GLASS_REVIEW_CLOSED");
        browser.click("audit-verify");
        browser.waitForText("audit-verdict", "The chain is intact");
        browser.click("audit-export");
        browser.wait.until(d -> browser.byId("audit-export").getDomAttribute("data-bytes") != null);
        assertTrue(Integer.parseInt(browser.byId("audit-export").getDomAttribute("data-bytes")) > 100);
        browser.screenshot("console-security");
        browser.assertAccessible("security");
        browser.assertNoConsoleErrors();
    }

    private static String activeKey() {
        List<Map<String, Object>> keys = Api.as(Api.admin()).get("/api/v1/keys").then().statusCode(200).extract().as(new io.restassured.common.mapper.TypeRef<List<Map<String, Object>>>() {});
        return keys.stream().filter(k -> Boolean.TRUE.equals(k.get("active"))).map(k -> (String) k.get("kid")).findFirst().orElseThrow();
    }
}
