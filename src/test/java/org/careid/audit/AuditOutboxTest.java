package org.careid.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.careid.support.Api;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** Audit entries commit with the change they describe (through the outbox), and nothing committed is left unlinked. */
@QuarkusTest
class AuditOutboxTest {
    @Inject
    AuditTrail trail;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRolledBackChangeLeavesNoSuccessEntryButItsRefusalIsKept() {
        String target = UUID.randomUUID().toString();
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            trail.record(AuditEvent.of("TEST_CHANGE", AuditEvent.Outcome.SUCCESS).target("TEST", target));
            trail.record(AuditEvent.of("TEST_REFUSAL", AuditEvent.Outcome.DENIED).target("TEST", target));
            throw new IllegalStateException("refused: the change rolls back");
        }));
        assertEquals(List.of("TEST_REFUSAL"), actions(target));
    }

    @Test
    void aCommittedChangesEntryIsOnTheChainWhenTheCommitReturns() {
        String target = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() ->
                trail.record(AuditEvent.of("TEST_CHANGE", AuditEvent.Outcome.SUCCESS).target("TEST", target)));
        assertEquals(List.of("TEST_CHANGE"), actions(target));
    }

    @Test
    void anEntryLeftInTheOutboxByACrashIsLinkedOntoTheChain() throws Exception {
        String target = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_outbox (id, occurred_at, actor_type, action, target_type, target_id, outcome, detail) "
                        + "VALUES (?, ?, 'DEVICE', 'TOKEN_ISSUED', 'TEST', ?, 'SUCCESS', '{}')")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
            ps.setString(3, target);
            ps.executeUpdate();
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (actions(target).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(List.of("TOKEN_ISSUED"), actions(target));
        try (Connection c = dataSource.getConnection()) {
            assertTrue(AuditOutbox.olderThan(c, java.time.Instant.now(), 1000).stream()
                    .noneMatch(s -> target.equals(s.event().targetId())), "the linked row left the outbox");
        }
        Api.as(Api.operator("AUDITOR")).get("/api/v1/audit/verify").then().statusCode(200).body("valid", equalTo(true));
    }

    private static List<String> actions(String target) {
        return Api.as(Api.operator("AUDITOR")).queryParam("targetId", target).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items.action", String.class);
    }
}
