package org.careid.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC access to the audit tables, with keyset paging ({@code WHERE seq > ? ORDER BY seq
 * LIMIT ?}): every page is one short indexed read however long the chain, and the rows are plain
 * records nothing else holds on to. The same SQL runs on H2 and PostgreSQL.
 */
public final class AuditRows {
    /** Where connections come from: the server's pool, or a benchmark's or test's own. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** The chain head row. {@code keyedFrom} is null until the keyed chain's first entry. */
    public record Head(long lastSeq, String lastHash, String lastMac, Long keyedFrom, long lastCheckpoint,
                       String headMac) {}

    /** A stored checkpoint: its sequence number and its signed form. */
    public record StoredCheckpoint(long seq, String jws) {}

    private static final String COLUMNS = "seq, occurred_at, actor_type, actor_id, action, target_type, target_id, "
            + "outcome, source_address, detail, prev_hash, hash, mac";

    private AuditRows() {}

    public static Head head(Connection c, boolean lock) throws SQLException {
        String sql = "SELECT last_seq, last_hash, last_mac, keyed_from, last_checkpoint, head_mac FROM audit_head WHERE id = 1"
                + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_head has no row");
            }
            long keyed = rs.getLong(4);
            Long keyedFrom = rs.wasNull() ? null : keyed;
            return new Head(rs.getLong(1), rs.getString(2), rs.getString(3), keyedFrom, rs.getLong(5), rs.getString(6));
        }
    }

    static void updateHead(Connection c, Head h) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ?, last_mac = ?, "
                + "keyed_from = ?, last_checkpoint = ?, head_mac = ? WHERE id = 1")) {
            ps.setLong(1, h.lastSeq());
            ps.setString(2, h.lastHash());
            ps.setString(3, h.lastMac());
            if (h.keyedFrom() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, h.keyedFrom());
            }
            ps.setLong(5, h.lastCheckpoint());
            ps.setString(6, h.headMac());
            ps.executeUpdate();
        }
    }

    /** Entries with afterSeq < seq <= throughSeq, in chain order, at most limit of them. */
    public static List<ChainRow> page(Connection c, long afterSeq, long throughSeq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, throughSeq);
            ps.setInt(3, limit);
            ps.setFetchSize(Math.min(limit, 1000));
            return read(ps);
        }
    }

    /** One page of a keyset export with an optional extra condition (the caller's filter). */
    static List<ChainRow> page(Connection c, long afterSeq, long throughSeq, int limit, String extraWhere,
                               List<Object> extraParams) throws SQLException {
        if (extraWhere == null || extraWhere.isBlank()) {
            return page(c, afterSeq, throughSeq, limit);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_entry WHERE seq > ? AND seq <= ? AND "
                + extraWhere + " ORDER BY seq LIMIT ?")) {
            int i = 1;
            ps.setLong(i++, afterSeq);
            ps.setLong(i++, throughSeq);
            for (Object p : extraParams) {
                ps.setObject(i++, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
            }
            ps.setInt(i, limit);
            return read(ps);
        }
    }

    public static ChainRow row(Connection c, long seq) throws SQLException {
        List<ChainRow> rows = page(c, seq - 1, seq, 1);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public static void insert(Connection c, List<ChainRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_entry (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ChainRow r : rows) {
                ps.setLong(1, r.seq());
                ps.setObject(2, OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC));
                ps.setString(3, r.actorType());
                ps.setString(4, r.actorId());
                ps.setString(5, r.action());
                ps.setString(6, r.targetType());
                ps.setString(7, r.targetId());
                ps.setString(8, r.outcome());
                ps.setString(9, r.sourceAddress());
                ps.setString(10, r.detail());
                ps.setString(11, r.prevHash());
                ps.setString(12, r.hash());
                ps.setString(13, r.mac());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Checkpoints with afterSeq < seq <= throughSeq in order, at most limit. */
    public static List<StoredCheckpoint> checkpoints(Connection c, long afterSeq, long throughSeq, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, jws FROM audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setLong(2, throughSeq);
            ps.setInt(3, limit);
            List<StoredCheckpoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredCheckpoint(rs.getLong(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    /** The newest checkpoint at or below throughSeq, or null. */
    public static StoredCheckpoint latestCheckpoint(Connection c, long throughSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, jws FROM audit_checkpoint WHERE seq <= ? ORDER BY seq DESC LIMIT 1")) {
            ps.setLong(1, throughSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new StoredCheckpoint(rs.getLong(1), rs.getString(2)) : null;
            }
        }
    }

    public static StoredCheckpoint checkpointAt(Connection c, long seq) throws SQLException {
        List<StoredCheckpoint> one = checkpoints(c, seq - 1, seq, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    static void insertCheckpoint(Connection c, long seq, String headHash, Instant createdAt, String kid, String jws)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_checkpoint (seq, head_hash, created_at, kid, jws) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, headHash);
            ps.setObject(3, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            ps.setString(4, kid);
            ps.setString(5, jws);
            ps.executeUpdate();
        }
    }

    private static List<ChainRow> read(PreparedStatement ps) throws SQLException {
        List<ChainRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ChainRow(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
            }
        }
        return out;
    }
}
