package org.careid.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.support.Datasets;
import org.careid.support.DeviceKey;
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
 * The administration console at /console/ in one headless Chromium at 1366x768: overview charts from
 * the statistics endpoint, devices, people, first login of an auditor; each page scanned with axe-core.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {
    @TestHTTPResource("/console/")
    URL console;

    private ConsoleBrowser browser;

    @BeforeAll
    void openBrowser() throws IOException {
        browser = ConsoleBrowser.open(console);
    }

    @AfterAll
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** The pages after the overview reuse its session; without the datasets the overview test is skipped. */
    private void loggedInAsAdmin() {
        if (!browser.byId("nav").isDisplayed()) {
            Api.Account admin = Api.newOperator("ADMIN");
            browser.login(admin.username(), admin.password());
        }
    }

    @Test
    @Order(0)
    void servedWithAStrictContentSecurityPolicyAndChartJsFromTheWebJar() {
        given().get("/console/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Cache-Control", "no-cache");
        given().get("/webjars/chart.js/4.4.1/dist/chart.umd.js").then().statusCode(200);
        Api.as(Api.operator("ENROLLER")).get("/api/v1/stats/overview").then().statusCode(403);
        Api.as(Api.admin()).queryParam("hours", 0).get("/api/v1/stats/overview").then().statusCode(400);
    }

    @Test
    @Order(1)
    void overviewDrawsTheFiguresOfTheStatisticsEndpoint() throws Exception {
        // One refused authentication at a device, so the hour has a failure to show.
        DeviceKey device = Api.provisionedDevice();
        Api.asDevice(device).multiPart("image", "x.jpg", Datasets.bytes("faces/fr_biden/biden.jpg"), "image/jpeg")
                .multiPart("scope", "patient/*.read").post("/api/v1/auth/face").then().statusCode(401);
        Api.as(Api.operator("AUDITOR")).get("/api/v1/stats/overview").then().statusCode(200)
                .body("hours", hasSize(24)).body("hours[23].failures", greaterThanOrEqualTo(1))
                .body("acceptedScores", hasSize(30)).body("enrollment.activeStaff", greaterThanOrEqualTo(0));
        loggedInAsAdmin();
        browser.wait.until(d -> "overview-page".equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
        assertEquals(Boolean.TRUE, browser.script("return localStorage.length === 0 && sessionStorage.length === 0"),
                "the token lives in memory only");
        for (String chart : new String[] {"chart-auth", "chart-scores", "chart-alerts", "chart-coverage"}) {
            assertEquals(Boolean.TRUE, browser.script("return !!window.Chart && !!Chart.getChart(document.getElementById(arguments[0]))", chart),
                    chart + " drawn by Chart.js");
        }
        assertTrue(browser.byId("tile-failure").getText().contains("%"), browser.byId("tile-failure").getText());
        browser.screenshot("console-overview");
        browser.assertAccessible("overview");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(2)
    void devicesAreRegisteredProvisionedWithAQrCodeSuspendedAndRetired() throws Exception {
        String name = "Console pump " + UUID.randomUUID().toString().substring(0, 6);
        loggedInAsAdmin();
        browser.page("devices-page");
        browser.type("device-name", name);
        browser.type("device-type", "infusion-pump");
        browser.type("device-ward-new", "ICU");
        browser.click("device-register");
        browser.waitForText("device-results", name);
        String id = Api.as(Api.admin()).queryParam("q", name).get("/api/v1/devices").then().statusCode(200)
                .body("total", equalTo(1)).extract().path("items[0].id");

        browser.click(By.cssSelector("button[data-action='provisioning'][data-device='" + id + "']"));
        browser.visible("provisioning");
        String code = browser.byId("provisioning-code").getText();
        assertTrue(code.matches("[A-Z0-9]{4}(-[A-Z0-9]{4}){3}"), code);
        assertFalse(browser.byId("provisioning-expiry").getText().isBlank());
        browser.wait.until(d -> Boolean.TRUE.equals(browser.script(
                "const i = document.getElementById('provisioning-qr'); return i.complete && i.naturalWidth > 0")));
        browser.screenshot("console-devices");
        browser.assertAccessible("devices with a provisioning code");
        browser.click("provisioning-done");
        assertEquals("", browser.byId("provisioning-code").getText(), "the code is shown once, then gone");

        browser.click(By.cssSelector("button[data-action='suspend'][data-device='" + id + "']"));
        browser.wait.until(d -> !d.findElements(By.cssSelector("button[data-action='activate'][data-device='" + id + "']")).isEmpty());
        Api.as(Api.admin()).get("/api/v1/devices/" + id).then().body("status", equalTo("SUSPENDED"));
        browser.click(By.cssSelector("button[data-action='retire'][data-device='" + id + "']"));
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.wait.until(d -> d.findElements(By.cssSelector("button[data-device='" + id + "']")).isEmpty());
        Api.as(Api.admin()).get("/api/v1/devices/" + id).then().body("status", equalTo("RETIRED"));

        browser.type("version-type", "infusion-pump");
        browser.type("version-min", "3.1.0");
        browser.click("version-submit");
        browser.waitForText("status", "3.1.0 or newer");
        browser.assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void peopleStaffAndOperatorsAreManaged() throws Exception {
        String staffId = Api.createStaff();
        String employeeId = Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().extract().path("employeeId");
        loggedInAsAdmin();
        browser.page("people-page");
        browser.type("staff-q", employeeId);
        browser.click("staff-search-submit");
        browser.waitForText("staff-results", employeeId);
        browser.click(By.cssSelector("button[data-staff='" + staffId + "']"));
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.wait.until(d -> d.findElement(By.id("staff-results")).getText().contains("inactive"));
        Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().body("active", equalTo(false));

        String username = "console-" + UUID.randomUUID().toString().substring(0, 8);
        browser.type("operator-username", username);
        browser.click("operator-submit");
        browser.visible("operator-created");
        String initial = browser.byId("operator-created-password").getText();
        assertFalse(initial.isBlank(), "the initial password is shown once");
        browser.waitForText("operator-results", username);
        browser.screenshot("console-people");
        browser.assertAccessible("people");
        browser.click("operator-created-done");

        // role change: the list and the API agree, and the change needs a confirmation
        new Select(browser.driver.findElement(By.cssSelector("select[data-operator='" + username + "'][data-field='role']")))
                .selectByValue("AUDITOR");
        browser.click(By.cssSelector("button[data-operator='" + username + "'][data-action='role']"));
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.wait.until(d -> "AUDITOR".equals(operatorRole(username)));

        // password reset: a new one-time password, shown once; the old one no longer works
        browser.click(By.cssSelector("button[data-operator='" + username + "'][data-action='password-reset']"));
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.wait.until(d -> {
            String shown = d.findElement(By.id("operator-created-password")).getText();
            return d.findElement(By.id("operator-created")).isDisplayed() && !shown.isBlank() && !shown.equals(initial);
        });
        String reset = browser.byId("operator-created-password").getText();
        given().contentType("application/json").body(Map.of("username", username, "password", initial))
                .post("/api/v1/operators/login").then().statusCode(401);
        given().contentType("application/json").body(Map.of("username", username, "password", reset))
                .post("/api/v1/operators/login").then().statusCode(200).body("password_change_required", equalTo(true));
        browser.click("operator-created-done");

        browser.click(By.cssSelector("button[data-operator='" + username + "'][data-action='deactivate']"));
        browser.visible("confirm-dialog");
        browser.click("confirm-ok");
        browser.wait.until(d -> !d.findElements(By.cssSelector("button[data-operator='" + username + "'][data-action='activate']")).isEmpty());
        given().contentType("application/json").body(Map.of("username", username, "password", reset))
                .post("/api/v1/operators/login").then().statusCode(401);
        browser.assertNoConsoleErrors();
    }

    /** The operator's role as the API reports it (the list is paged, sorted by username). */
    private static String operatorRole(String username) {
        for (int page = 0; ; page++) {
            java.util.List<Map<String, Object>> items = Api.as(Api.admin()).get("/api/v1/operators?page=" + page + "&size=100")
                    .then().statusCode(200).extract().path("items");
            if (items.isEmpty()) {
                return null;
            }
            for (Map<String, Object> o : items) {
                if (username.equals(o.get("username"))) {
                    return (String) o.get("role");
                }
            }
        }
    }

    @Test
    @Order(4)
    void anAuditorFirstChangesThePasswordThenReadsTheOverviewOnly() throws Exception {
        browser.click("logoff");
        browser.visible("login-page");
        assertEquals("", browser.byId("operator-name").getText(), "the page is wiped at log-off");
        String username = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        String initial = Api.as(Api.admin()).body(Map.of("username", username, "role", "AUDITOR"))
                .post("/api/v1/operators").then().statusCode(201).extract().path("initialPassword");
        browser.login(username, initial);
        browser.visible("account-page");
        assertFalse(browser.byId("nav").isDisplayed(), "nothing else before the password is changed");
        browser.screenshot("console-first-login");
        browser.assertAccessible("first login");
        browser.type("password-current", initial);
        browser.type("password-new", "Auditor-own-Passw0rd");
        browser.type("password-repeat", "Auditor-own-Passw0rd");
        browser.click("password-submit");
        browser.wait.until(d -> "overview-page".equals(d.findElement(By.tagName("body")).getDomAttribute("data-page")));
        assertFalse(browser.driver.findElement(By.cssSelector(".tab[data-page='devices-page']")).isDisplayed(),
                "an auditor has no device administration");
        assertFalse(browser.driver.findElement(By.cssSelector(".tab[data-page='people-page']")).isDisplayed());

        // the Security page, read-only: the audit trail is searched and verified, no key or resolve action is offered
        browser.page("security-page");
        assertFalse(browser.byId("key-rotate").isDisplayed(), "an auditor cannot rotate keys");
        assertTrue(browser.driver.findElements(By.cssSelector("button[data-action='resolve']")).isEmpty(),
                "an auditor cannot resolve alerts");
        assertTrue(browser.driver.findElements(By.cssSelector("button[data-review]")).isEmpty(),
                "an auditor cannot close break-glass reviews");
        browser.type("audit-action", "OPERATOR_LOGIN");
        browser.click("audit-search-submit");
        browser.waitForText("audit-results", "OPERATOR_LOGIN");
        browser.click("audit-verify");
        browser.waitForText("audit-verdict", "The chain is intact");
        browser.assertAccessible("security, auditor");
        Api.login(username, "Auditor-own-Passw0rd");
        browser.click("logoff");
        browser.visible("login-page");
        browser.assertAccessible("login");
        browser.screenshot("console-login");
        browser.assertNoConsoleErrors();
    }
}
