package org.careid.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.careid.audit.offline.OfflineAuditVerifier;
import org.careid.support.Api;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuditChainTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditCheckpoints checkpoints;

    @Test
    void registryChangesAreAuditedWithActorAndNoSecrets() {
        String staffId = Api.createStaff("patient/*.read");
        Api.givePin(staffId, "24681357");
        Api.as(Api.operator("AUDITOR")).queryParam("targetId", staffId).get("/api/v1/audit")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items[0].action", equalTo("STAFF_CREATED"))
                .body("items[0].actorType", equalTo("OPERATOR"))
                .body("items[1].action", equalTo("STAFF_PIN_RESET"))
                .body("items[1].actorType", equalTo("OPERATOR"))
                .body("items[2].action", equalTo("STAFF_PIN_CHANGED"))
                .body("items[2].actorType", equalTo("DEVICE"))
                .body("items[2].detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("24681357")));
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
                    .body("firstBrokenSeq", equalTo((int) seq))
                    .body("breakKind", equalTo("EDITED_ENTRY"));
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
    void rewriteWithRecomputedHashesBySqlIsCaughtAtTheRewrittenEntry() throws Exception {
        String staffId = Api.createStaff();
        long seq;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_entry WHERE target_id = ? AND action = 'STAFF_CREATED'")) {
            ps.setString(1, staffId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            seq = rs.getLong(1);
        }
        ChainRow original = row(seq);
        // What passed the unkeyed chain: edit the entry and recompute its SHA-256 link. Later
        // entries are left alone here (the break is named at this entry either way), so an append
        // by another test cannot land on a forged head.
        ChainRow edited = new ChainRow(seq, original.occurredAt(), original.actorType(), "someone-else", original.action(),
                original.targetType(), original.targetId(), original.outcome(), original.sourceAddress(), original.detail(),
                original.prevHash(), null, null);
        String recomputed = new AuditHashing(new byte[32]).hash(edited);
        try {
            sql("UPDATE audit_entry SET actor_id = ?, hash = ? WHERE seq = ?", "someone-else", recomputed, seq);
            Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq))
                    .body("breakKind", equalTo("REBUILT_WITHOUT_KEY"));
        } finally {
            sql("UPDATE audit_entry SET actor_id = ?, hash = ? WHERE seq = ?", original.actorId(), original.hash(), seq);
        }
        Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/verify").then().body("valid", equalTo(true));
    }

    @Test
    void checkpointsAreSignedPublishedAndCheckedIncrementally() {
        Api.createStaff();
        Checkpoint cp = checkpoints.checkpointNow();
        assertNotNull(cp);
        String kid = Api.as(Api.operator("AUDITOR")).queryParam("afterSeq", cp.seq() - 1).get("/api/v1/audit/checkpoints")
                .then().statusCode(200)
                .body("[0].seq", equalTo((int) cp.seq()))
                .body("[0].headHash", equalTo(cp.headHash()))
                .extract().path("[0].kid");
        given().get("/api/v1/audit/checkpoints/keys").then().statusCode(200)
                .body("keys.kid", hasItem(kid))
                .body("keys[0].kty", equalTo("EC"))
                .body("keys[0].crv", equalTo("P-256"))
                .body("keys[0]", not(hasKey("d")));
        Api.createStaff();
        Api.as(Api.operator("AUDITOR")).queryParam("scope", "tail").get("/api/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true))
                .body("scope", equalTo("SINCE_LAST_CHECKPOINT"))
                .body("lastCheckpointSeq", greaterThanOrEqualTo((int) cp.seq()))
                .body("entriesChecked", lessThan((int) cp.seq()));
        Api.as(Api.operator("AUDITOR")).queryParam("scope", "sideways").get("/api/v1/audit/verify").then().statusCode(400);
    }

    @Test
    void witnessCheckpointsAreCheckedAndForgedOnesRefused() {
        Api.createStaff();
        Checkpoint cp = checkpoints.checkpointNow();
        Map<String, Object> kept = Map.of("seq", cp.seq(), "jws", cp.jws());
        Api.as(Api.operator("AUDITOR")).body(Map.of("checkpoints", List.of(kept))).post("/api/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));
        Api.as(Api.operator("AUDITOR")).body(Map.of("checkpoints", List.of(cp.jws()), "scope", "tail")).post("/api/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));
        String forged = cp.jws().substring(0, cp.jws().lastIndexOf('.') + 1) + "AAAA" + cp.jws().substring(cp.jws().lastIndexOf('.') + 5);
        Api.as(Api.operator("AUDITOR")).body(Map.of("checkpoints", List.of(forged))).post("/api/v1/audit/verify")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("checkpoints[0]"));
        Api.as(Api.operator("AUDITOR")).body(Map.of("checkpoints", List.of("not-a-checkpoint"))).post("/api/v1/audit/verify")
                .then().statusCode(400);
    }

    @Test
    void exportCarriesCheckpointsAndVerifiesOfflineWithOnlyTheKeys() throws Exception {
        Api.createStaff();
        Checkpoint cp = checkpoints.checkpointNow();
        Api.createStaff();
        String body = Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/export").then().statusCode(200)
                .extract().asString();
        String[] lines = body.strip().split("\n");
        long previous = 0;
        boolean sawCheckpoint = false;
        for (String line : lines) {
            JsonPath json = JsonPath.from(line);
            long seq = json.getLong("seq");
            if ("checkpoint".equals(json.getString("type"))) {
                assertEquals(previous, seq, "a checkpoint follows the entry it covers");
                sawCheckpoint |= seq == cp.seq();
            } else {
                assertEquals("entry", json.getString("type"));
                assertEquals(previous + 1, seq, "every entry, in chain order");
                previous = seq;
            }
        }
        assertTrue(sawCheckpoint);
        Path dir = Files.createTempDirectory("audit-export");
        Path export = dir.resolve("export.jsonl");
        Path keys = dir.resolve("keys.json");
        Files.writeString(export, body);
        Files.writeString(keys, given().get("/api/v1/audit/checkpoints/keys").then().extract().asString());
        OfflineAuditVerifier.Result ok = OfflineAuditVerifier.verify(export, keys);
        assertTrue(ok.valid(), ok.toString());
        assertTrue(ok.lastCheckpointSeq() >= cp.seq());

        // An edit in the file, and an edit with the file's hashes recomputed: both are caught offline.
        List<String> edited = new ArrayList<>(List.of(lines));
        int target = 0;
        while (!edited.get(target).contains("\"outcome\":\"SUCCESS\"")) {
            target++;
        }
        long targetSeq = JsonPath.from(edited.get(target)).getLong("seq");
        edited.set(target, edited.get(target).replace("\"outcome\":\"SUCCESS\"", "\"outcome\":\"DENIED\""));
        Files.write(export, edited);
        OfflineAuditVerifier.Result editedResult = OfflineAuditVerifier.verify(export, keys);
        assertEquals("EDITED_ENTRY", editedResult.breakKind(), editedResult.toString());
        assertEquals(targetSeq, editedResult.firstBrokenSeq());

        Files.write(export, recomputeHashes(edited));
        OfflineAuditVerifier.Result rebuilt = OfflineAuditVerifier.verify(export, keys);
        assertFalse(rebuilt.valid());
        assertEquals("CHECKPOINT_MISMATCH", rebuilt.breakKind(), rebuilt.toString());
    }

    @Test
    void aKeyWrittenIntoTheDatabaseIsNotTrusted() throws Exception {
        Api.createStaff();
        Checkpoint genuine = checkpoints.checkpointNow();
        KeyPair intruder = AuditSandbox.ecKeyPair();
        EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((ECPublicKey) intruder.getPublic());
        jwk.setKeyId("audit-intruder");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_signing_key (kid, private_key, public_jwk, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, "audit-intruder");
            ps.setBytes(2, new byte[64]);
            ps.setString(3, jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            ps.setObject(4, java.time.OffsetDateTime.now());
            ps.executeUpdate();
        }
        try {
            Checkpoint forged = Checkpoint.sign(genuine.seq(), genuine.headHash(), genuine.keyedFrom(), Instant.now(),
                    null, "audit-intruder", intruder.getPrivate());
            Api.as(Api.operator("AUDITOR")).body(Map.of("checkpoints", List.of(forged.jws()))).post("/api/v1/audit/verify")
                    .then().statusCode(400);
            given().get("/api/v1/audit/checkpoints/keys").then().statusCode(200)
                    .body("keys.kid", not(hasItem("audit-intruder")))
                    .body("keys.kid", hasItem(genuine.kid()));
            Api.createStaff();
            Checkpoint next = checkpoints.checkpointNow();
            assertEquals(genuine.kid(), next.kid(), "the intruder's key never signs");
        } finally {
            sql("DELETE FROM audit_signing_key WHERE kid = ?", "audit-intruder");
        }
    }

    /** Recomputes every entry's SHA-256 link in an export, as a forger without the signing key would. */
    private List<String> recomputeHashes(List<String> lines) throws Exception {
        AuditHashing noKey = new AuditHashing(new byte[32]);
        ObjectMapper mapper = new ObjectMapper();
        List<String> out = new ArrayList<>();
        String prev = AuditHashing.GENESIS;
        for (String line : lines) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = mapper.readValue(line, LinkedHashMap.class);
            if ("entry".equals(m.get("type"))) {
                ChainRow r = new ChainRow(((Number) m.get("seq")).longValue(), Instant.parse((String) m.get("occurredAt")),
                        (String) m.get("actorType"), (String) m.get("actorId"), (String) m.get("action"),
                        (String) m.get("targetType"), (String) m.get("targetId"), (String) m.get("outcome"),
                        (String) m.get("sourceAddress"), (String) m.get("detail"), prev, null, null);
                prev = noKey.hash(r);
                m.put("prevHash", r.prevHash());
                m.put("hash", prev);
            }
            out.add(mapper.writeValueAsString(m));
        }
        return out;
    }

    private ChainRow row(long seq) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return AuditRows.row(c, seq);
        }
    }

    private void sql(String statement, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            assertEquals(1, ps.executeUpdate());
        }
    }

    private void update(String sql, long seq) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seq);
            assertEquals(1, ps.executeUpdate());
        }
    }

}
