package org.careid.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC access to {@code audit_outbox}: events written in the transaction of the change they
 * describe, waiting to be linked onto the chain. A row is claimed by deleting it in the linking
 * transaction, under the chain head's lock, so each is linked exactly once even when a sweep and
 * the live queue, or two replicas, reach for it.
 */
final class AuditOutbox {
    /** An outbox row: its id and the event, not yet linked (seq, links and MAC unset). */
    record Staged(String id, ChainRow event) {}

    private static final String COLUMNS = "occurred_at, actor_type, actor_id, action, target_type, target_id, "
            + "outcome, source_address, detail";

    private AuditOutbox() {}

    static void insert(Connection c, String id, ChainRow e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_outbox (id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setObject(2, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
            ps.setString(3, e.actorType());
            ps.setString(4, e.actorId());
            ps.setString(5, e.action());
            ps.setString(6, e.targetType());
            ps.setString(7, e.targetId());
            ps.setString(8, e.outcome());
            ps.setString(9, e.sourceAddress());
            ps.setString(10, e.detail());
            ps.executeUpdate();
        }
    }

    /**
     * Deletes the rows of these ids; answers, per id, whether this transaction deleted it (false
     * when it was already linked by someone else).
     */
    static boolean[] claim(Connection c, List<String> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM audit_outbox WHERE id = ?")) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            boolean[] claimed = new boolean[ids.size()];
            for (int i = 0; i < counts.length; i++) {
                claimed[i] = counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO;
            }
            return claimed;
        }
    }

    /** Rows recorded before {@code before}, oldest first, at most limit of them. */
    static List<Staged> olderThan(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + COLUMNS
                + " FROM audit_outbox WHERE occurred_at < ? ORDER BY occurred_at, id LIMIT ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
            ps.setInt(2, limit);
            List<Staged> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Staged(rs.getString(1), new ChainRow(0, rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), null, null, null)));
                }
            }
            return out;
        }
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_outbox"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
