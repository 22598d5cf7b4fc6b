package org.careid.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * The JSON Lines export: one entry per line in chain order, with every checkpoint on its own line
 * right after the entry it covers, so the file alone (plus the public checkpoint keys) can be
 * verified offline. Streamed in keyset pages up to the head as it was when the export started;
 * memory stays flat. A filtered export carries no checkpoints (its entries cannot hash up to them).
 */
@ApplicationScoped
public class AuditExport {
    private static final int PAGE = 2000;

    /** An entry line. {@code occurredAt} is exactly the text that went into the hash. */
    @JsonPropertyOrder({"type", "seq", "occurredAt", "actorType", "actorId", "action", "targetType", "targetId",
            "outcome", "sourceAddress", "detail", "prevHash", "hash", "mac"})
    public record EntryLine(String type, long seq, String occurredAt, String actorType, String actorId, String action,
                            String targetType, String targetId, String outcome, String sourceAddress, String detail,
                            String prevHash, String hash, String mac) {
        static EntryLine of(ChainRow r) {
            return new EntryLine("entry", r.seq(), r.occurredAt().toString(), r.actorType(), r.actorId(), r.action(),
                    r.targetType(), r.targetId(), r.outcome(), r.sourceAddress(), r.detail(), r.prevHash(), r.hash(), r.mac());
        }
    }

    /** A checkpoint line: its JWS is the evidence, the rest is for reading. */
    @JsonPropertyOrder({"type", "seq", "kid", "time", "headHash", "jws"})
    public record CheckpointLine(String type, long seq, String kid, Instant time, String headHash, String jws) {}

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    AuditExport(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public void write(AuditQuery.Filter filter, OutputStream out) throws IOException {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        boolean withCheckpoints = where.isEmpty();
        try (Connection c = dataSource.getConnection()) {
            long through = AuditRows.head(c, false).lastSeq();
            long after = 0;
            long checkpointCursor = 0;
            Deque<AuditRows.StoredCheckpoint> checkpoints = new ArrayDeque<>();
            while (true) {
                List<ChainRow> rows = AuditRows.page(c, after, through, PAGE, where, params);
                if (rows.isEmpty()) {
                    break;
                }
                after = rows.get(rows.size() - 1).seq();
                if (withCheckpoints) {
                    checkpoints.addAll(AuditRows.checkpoints(c, checkpointCursor, after, Integer.MAX_VALUE));
                    checkpointCursor = after;
                }
                for (ChainRow r : rows) {
                    line(out, EntryLine.of(r));
                    while (!checkpoints.isEmpty() && checkpoints.peek().seq() <= r.seq()) {
                        Checkpoint cp = Checkpoint.parse(checkpoints.poll().jws());
                        line(out, new CheckpointLine("checkpoint", cp.seq(), cp.kid(), cp.time(), cp.headHash(), cp.jws()));
                    }
                }
                out.flush();
            }
        } catch (SQLException e) {
            throw new IOException("The audit trail could not be read", e);
        }
    }

    private void line(OutputStream out, Object value) throws IOException {
        out.write(json.writeValueAsBytes(value));
        out.write('\n');
    }

    private static String where(AuditQuery.Filter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        add(clauses, params, "action", f.action());
        add(clauses, params, "actor_id", f.actorId());
        add(clauses, params, "target_id", f.targetId());
        add(clauses, params, "outcome", f.outcome());
        if (f.from() != null) {
            clauses.add("occurred_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            clauses.add("occurred_at < ?");
            params.add(f.to());
        }
        return String.join(" AND ", clauses);
    }

    private static void add(List<String> clauses, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            clauses.add(column + " = ?");
            params.add(value);
        }
    }
}
