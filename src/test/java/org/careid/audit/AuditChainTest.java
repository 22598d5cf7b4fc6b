package org.careid.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditChainTest {
    @Inject
    AgroalDataSource dataSource;

    @Test
    void registryChangesAreAuditedWithActorAndNoSecrets() {
        String staffId = Api.createStaff("patient/*.read");
        Api.as(Api.admin()).body(Map.of("pin", "24681357")).put("/api/v1/staff/" + staffId + "/pin").then().statusCode(204);
        Api.as(Api.operator("AUDITOR")).queryParam("targetId", staffId).get("/api/v1/audit")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].action", equalTo("STAFF_CREATED"))
                .body("items[0].actorType", equalTo("OPERATOR"))
                .body("items[1].action", equalTo("STAFF_PIN_SET"))
                .body("items[1].detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("24681357")));
    }

    @Test
    void concurrentAppendsStayOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                created.add(pool.submit(() -> Api.createStaff()));
            }
            for (Future<String> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("entriesChecked", greaterThan(40));
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*), count(DISTINCT prev_hash), max(seq) FROM audit_entry")) {
            rs.next();
            assertEquals(rs.getLong(1), rs.getLong(2), "no two entries may share a predecessor (a fork)");
            assertEquals(rs.getLong(1), rs.getLong(3), "sequence numbers have no gaps");
        }
    }

    @Test
    void editingARowInTheDatabaseIsDetectedAtThatEntry() throws Exception {
        String staffId = Api.createStaff();
        long seq;
        String original;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, outcome FROM audit_entry WHERE target_id = ? AND action = 'STAFF_CREATED'")) {
            ps.setString(1, staffId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            seq = rs.getLong(1);
            original = rs.getString(2);
        }
        update("UPDATE audit_entry SET outcome = 'FAILURE' WHERE seq = ?", seq);
        try {
            Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq));
        } finally {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE audit_entry SET outcome = ? WHERE seq = ?")) {
                ps.setString(1, original);
                ps.setLong(2, seq);
                ps.executeUpdate();
            }
        }
        Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void exportIsJsonLinesInChainOrder() {
        Api.createStaff();
        String body = Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/export").then().statusCode(200)
                .extract().asString();
        String[] lines = body.strip().split("\n");
        assertTrue(lines.length > 1);
        long previous = 0;
        for (String line : lines) {
            long seq = io.restassured.path.json.JsonPath.from(line).getLong("seq");
            assertTrue(seq > previous, "ascending seq");
            previous = seq;
        }
    }

    private void update(String sql, long seq) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seq);
            assertEquals(1, ps.executeUpdate());
        }
    }

}
