package org.careid.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import io.restassured.specification.RequestSpecification;

/** Enrollment through the API, as the kiosk does it: consent first, then the captures. */
public final class Enroll {
    private Enroll() {}

    public static void consent(String staffId) {
        Api.as(Api.admin()).body(Map.of("textVersion", "2026-11")).post("/api/v1/staff/" + staffId + "/consent")
                .then().statusCode(200);
    }

    public static void faces(String staffId, String... datasetPhotos) {
        RequestSpecification request = given().header("Authorization", "Bearer " + Api.admin());
        for (String p : datasetPhotos) {
            request = request.multiPart("images", p.substring(p.lastIndexOf('/') + 1), Datasets.bytes(p), "image/jpeg");
        }
        request.post("/api/v1/staff/" + staffId + "/faces").then().statusCode(200).body("accepted", equalTo(datasetPhotos.length));
    }

    public static void finger(String staffId, int finger, int dpi, String... datasetImages) {
        RequestSpecification request = given().header("Authorization", "Bearer " + Api.admin())
                .multiPart("finger", String.valueOf(finger)).multiPart("dpi", String.valueOf(dpi));
        for (String p : datasetImages) {
            request = request.multiPart("impressions", p.substring(p.lastIndexOf('/') + 1), Datasets.bytes(p), "image/tiff");
        }
        request.post("/api/v1/staff/" + staffId + "/fingerprints").then().statusCode(200).body("enrolled", equalTo(true));
    }
}
