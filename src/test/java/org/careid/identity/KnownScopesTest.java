package org.careid.identity;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careid.support.Api;
import org.careid.web.ProblemType;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Scopes granted to staff come from a server-side list that an ADMIN extends; others are refused. */
@QuarkusTest
class KnownScopesTest {
    @Test
    void operatorsReadTheListAndOnlyAnAdminExtendsIt() {
        Api.as(Api.operator("ENROLLER")).get("/api/v1/scopes").then().statusCode(200)
                .body("name", hasItems("patient/*.read", "device:unlock", "medication:dispense"))
                .body("name", not(hasItem("patient:read")));
        String scope = "lab" + UUID.randomUUID().toString().substring(0, 6) + ".read";
        Api.as(Api.operator("ENROLLER")).body(Map.of("name", scope, "description", "Read lab results"))
                .post("/api/v1/scopes").then().statusCode(403);
        Api.as(Api.admin()).body(Map.of("name", scope, "description", "Read lab results"))
                .post("/api/v1/scopes").then().statusCode(201).body("name", equalTo(scope));
        Api.as(Api.admin()).body(Map.of("name", scope, "description", "again"))
                .post("/api/v1/scopes").then().statusCode(409).body("type", equalTo(ProblemType.CONFLICT.uri()));
        Api.as(Api.admin()).body(Map.of("name", "has space", "description", "x"))
                .post("/api/v1/scopes").then().statusCode(400);
        Api.as(Api.operator("AUDITOR")).get("/api/v1/scopes").then().statusCode(200).body("name", hasItem(scope));

        // The new scope can now be granted.
        String staffId = Api.createStaff(scope);
        Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().body("scopes", equalTo(List.of(scope)));
    }

    @Test
    void unknownScopesAreRefusedWith400OnCreateAndUpdate() {
        String employeeId = "U" + UUID.randomUUID().toString().substring(0, 8);
        Api.as(Api.admin()).body(Map.of("employeeId", employeeId, "displayName", "Unknown Scope", "clinicalRole", "nurse",
                        "ward", "ICU", "scopes", List.of("patient/*.read", "med:dispense")))
                .post("/api/v1/staff").then().statusCode(400)
                .body("type", equalTo(ProblemType.VALIDATION.uri()))
                .body("violations[0].field", equalTo("scopes"))
                .body("violations[0].message", org.hamcrest.Matchers.containsString("med:dispense"));
        Api.as(Api.admin()).queryParam("q", employeeId).get("/api/v1/staff").then().body("total", equalTo(0));

        String staffId = Api.createStaff("patient/*.read");
        Api.as(Api.admin()).body(Map.of("scopes", List.of("patient:read"))).put("/api/v1/staff/" + staffId)
                .then().statusCode(400).body("violations[0].field", equalTo("scopes"));
        Api.as(Api.admin()).get("/api/v1/staff/" + staffId).then().body("scopes", equalTo(List.of("patient/*.read")));
    }

    @Test
    void staffAreFoundByWard() {
        String ward = "Ward-" + UUID.randomUUID().toString().substring(0, 6);
        String staffId = Api.createStaff();
        Api.as(Api.admin()).body(Map.of("ward", ward)).put("/api/v1/staff/" + staffId).then().statusCode(200);
        Api.as(Api.admin()).queryParam("ward", ward.toLowerCase()).get("/api/v1/staff").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(staffId));
        Api.as(Api.admin()).queryParam("q", ward.substring(5)).get("/api/v1/staff").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(staffId));
    }
}
