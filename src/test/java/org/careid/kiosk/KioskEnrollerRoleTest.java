package org.careid.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.openqa.selenium.By;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An ENROLLER at the kiosk: can add and edit staff, but never sees the ADMIN-only scope fields,
 * and when the page is tampered with to send scopes anyway, the server's refusal is shown.
 */
@QuarkusTest
class KioskEnrollerRoleTest {

    @TestHTTPResource("/kiosk/")
    URL kiosk;

    @Test
    void enrollerCannotReachAdminOnlyActions() throws Exception {
        String username = "enroller-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Str0ng-" + UUID.randomUUID();
        Api.as(Api.admin()).body(Map.of("username", username, "role", "ENROLLER", "password", password))
                .post("/api/v1/operators").then().statusCode(201);
        String employeeId = "N" + UUID.randomUUID().toString().substring(0, 8);

        try (KioskBrowser browser = KioskBrowser.open(kiosk)) {
            browser.login(username, password);
            assertEquals("ENROLLER", browser.byId("operator-role").getText());
            assertFalse(browser.byId("create-scopes").isDisplayed(), "no scope field for an ENROLLER");
            assertEquals("true", browser.byId("create-scopes").getDomProperty("disabled"), "the scope choices are disabled for an ENROLLER");
            browser.screenshot(20, "enroller-staff-search");

            browser.type("create-employee-id", employeeId);
            browser.type("create-display-name", "Enrolled By Enroller " + employeeId);
            browser.type("create-clinical-role", "nurse");
            browser.type("create-ward", "Ward 7");
            browser.click("create-submit");
            browser.waitForText("person-title", "Enrolled By Enroller");

            // Ward and role are the enroller's to change; scopes are not even offered.
            browser.byId("edit-panel").findElement(By.tagName("summary")).click();
            browser.visible("edit-ward");
            assertFalse(browser.byId("edit-scopes").isDisplayed(), "no scope field for an ENROLLER");
            assertTrue(browser.visible("edit-form").getText().contains("Only an administrator can change permitted scopes"));
            browser.type("edit-ward", "Ward 8");
            browser.click("edit-submit");
            browser.waitForText("person-summary", "ward Ward 8");
            browser.screenshot(21, "enroller-edit");

            // A tampered page (field shown and enabled by hand) sends scopes: the server refuses,
            // and the kiosk shows the refusal in plain words.
            browser.script("const f = document.getElementById('edit-scopes'); f.disabled = false; f.hidden = false;"
                    + "f.querySelector('[data-scope-options]').innerHTML ="
                    + " '<label><input type=\"checkbox\" id=\"tampered-scope\" value=\"patient/*.read\" checked> patient/*.read</label>';");
            browser.click("edit-submit");
            String error = browser.waitForText("error", "Forbidden");
            assertTrue(error.contains("Only an ADMIN may change scopes"), error);
            assertTrue(browser.byId("person-summary").getText().contains("scopes: none"), "nothing was granted");
            browser.screenshot(22, "enroller-scopes-refused");
            browser.assertNoConsoleErrors(403);
        }

        // The server refuses the same through the API.
        String enroller = Api.login(username, password);
        String staffId = Api.as(Api.admin()).queryParam("q", employeeId).get("/api/v1/staff")
                .then().statusCode(200).extract().path("items[0].id");
        Api.as(enroller).body(Map.of("scopes", List.of("med:dispense"))).put("/api/v1/staff/" + staffId)
                .then().statusCode(403);
    }
}
