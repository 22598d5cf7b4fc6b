package org.careid.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * HIPAA automatic logoff: after the configured idle time the kiosk logs off and wipes the page.
 * Every log-off (idle or the button) also ends the operator's sessions at the server.
 */
@QuarkusTest
@TestProfile(KioskIdleLogoffTest.ShortIdle.class)
class KioskIdleLogoffTest {

    /** A 5-second idle time, so the test does not wait five minutes. */
    public static class ShortIdle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("careid.kiosk.idle-timeout", "PT5S");
        }
    }

    @TestHTTPResource("/kiosk/")
    URL kiosk;

    /** An enroller logged in at the kiosk, and a token of the same account held elsewhere. */
    private record Enroller(String username, String password, String otherToken) {
        static Enroller create() {
            String username = "kiosk-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            String password = "Kiosk-" + java.util.UUID.randomUUID();
            Api.as(Api.admin()).body(Map.of("username", username, "role", "ENROLLER", "password", password))
                    .post("/api/v1/operators").then().statusCode(201);
            String token = Api.login(username, password);
            Api.as(token).get("/api/v1/staff").then().statusCode(200);
            return new Enroller(username, password, token);
        }

        /** The kiosk's log-off reached the server: the account's other token is refused now. */
        void assertLoggedOffAtServer() throws InterruptedException {
            int status = 0;
            for (int i = 0; i < 50 && status != 401; i++) {
                status = Api.as(otherToken).get("/api/v1/staff").then().extract().statusCode();
                if (status != 401) {
                    Thread.sleep(100);
                }
            }
            assertEquals(401, status, "the kiosk's log-off did not end the session at the server");
        }
    }

    @Test
    void theLogOffButtonEndsTheSessionAtTheServer() throws Exception {
        try (KioskBrowser browser = KioskBrowser.open(kiosk)) {
            browser.waitForText("idle-minutes", "5 seconds");
            Enroller enroller = Enroller.create();
            browser.login(enroller.username(), enroller.password());
            browser.click("logoff");
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
            enroller.assertLoggedOffAtServer();
        }
    }

    @Test
    void logsOffAfterTheIdleTimeAndKeepsNothing() throws Exception {
        try (KioskBrowser browser = KioskBrowser.open(kiosk)) {
            browser.waitForText("idle-minutes", "5 seconds");
            Enroller enroller = Enroller.create();
            browser.login(enroller.username(), enroller.password());
            browser.screenshot(30, "idle-logged-in");

            // The warning comes first and says how long is left...
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("idle-dialog")));
            assertTrue(browser.byId("idle-message").getText().contains("logged off in"));
            browser.screenshot(31, "idle-warning");

            // ...then, without activity, the log-off.
            new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("login-view")));
            assertEquals("idle", browser.driver.findElement(By.tagName("body")).getDomAttribute("data-logged-off"));
            assertTrue(browser.byId("status").getText().contains("logged off"), browser.byId("status").getText());
            assertFalse(browser.byId("staff-view").isDisplayed());
            assertFalse(browser.byId("session-info").isDisplayed());
            assertEquals("", browser.byId("search-results").getText(), "results of the last operator are wiped");
            assertEquals(Boolean.TRUE, browser.script(
                    "return localStorage.length === 0 && sessionStorage.length === 0 && document.cookie === ''"),
                    "nothing is kept in browser storage");
            browser.screenshot(32, "idle-logged-off");
            enroller.assertLoggedOffAtServer();
            browser.assertNoConsoleErrors();
        }
    }
}
