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

/** HIPAA automatic logoff: after the configured idle time the kiosk logs off and wipes the page. */
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

    @Test
    void logsOffAfterTheIdleTimeAndKeepsNothing() throws Exception {
        try (KioskBrowser browser = KioskBrowser.open(kiosk)) {
            browser.waitForText("idle-minutes", "5 seconds");
            browser.login("admin", Api.BOOTSTRAP_PASSWORD);
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
            browser.assertNoConsoleErrors();
        }
    }
}
