package org.careid.kiosk;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The kiosk is packaged into the server and served at /kiosk/ with its security headers. */
@QuarkusTest
class KioskPackagingTest {

    @Test
    void indexIsServedAtKioskSlashAndIndexHtml() {
        for (String path : new String[] {"/kiosk/", "/kiosk/index.html"}) {
            given().get(path).then().statusCode(200)
                    .contentType(containsString("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Cache-Control", equalTo("no-cache"))
                    .body(containsString("<title>CareID enrollment kiosk</title>"));
        }
    }

    @Test
    void scriptsAndStylesAreServedWithTheirTypes() {
        given().get("/kiosk/js/main.js").then().statusCode(200).contentType(containsString("javascript"));
        given().get("/kiosk/kiosk.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/kiosk/favicon.svg").then().statusCode(200).contentType(containsString("svg"));
    }

    @Test
    void settingsArePublicAndGiveTheIdleTime() {
        given().get("/api/v1/kiosk/settings").then().statusCode(200)
                .body("idleTimeoutSeconds", greaterThan(0))
                .body("consentTextVersion", notNullValue());
    }
}
