package org.careid.audit;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;

/**
 * A chain of its own for tamper tests: a fresh schema in the test database (in-memory H2, or the
 * PostgreSQL CI points the suite at) migrated by the real Flyway migrations, with its own MAC key
 * and checkpoint key. Tests can then edit, delete and rewind rows freely without touching the
 * application's chain. {@link #close} drops the schema.
 */
final class AuditSandbox implements AutoCloseable {
    final String schema = "audit_sandbox_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final byte[] macKey = new byte[32];
    final Checkpointer.Signer signer;
    final PublicKey publicKey;
    private final String url = System.getProperty("careid.test.jdbc-url", "jdbc:h2:mem:careid;DB_CLOSE_DELAY=-1");
    private final String user = System.getProperty("careid.test.db-user", "careid");
    private final String password = System.getProperty("careid.test.db-password", "");
    private int counter;

    AuditSandbox() throws Exception {
        new java.security.SecureRandom().nextBytes(macKey);
        KeyPair pair = ecKeyPair();
        signer = new Checkpointer.Signer("sandbox-key", pair.getPrivate());
        publicKey = pair.getPublic();
        Flyway.configure().dataSource(url, user, password).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setSchema(schema);
        return c;
    }

    ChainVerification.TrustedKeys keys() {
        return kid -> signer.kid().equals(kid) ? publicKey : null;
    }

    /** Appends n entries in one transaction, as the server's writer does. */
    List<ChainRow> append(int n) throws SQLException {
        List<ChainRow> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = ++counter;
            events.add(new ChainRow(0, Instant.now().truncatedTo(ChronoUnit.MILLIS), "OPERATOR", "op-" + (k % 3),
                    "STAFF_UPDATED", "STAFF", "staff-" + k, "SUCCESS", "10.0.0." + (k % 250),
                    "{\"n\":" + k + ",\"note\":\"caf\u00e9 \\\"quoted\\\"\"}", null, null, null));
        }
        try (Connection c = open()) {
            c.setAutoCommit(false);
            List<ChainRow> written = new AuditAppender(macKey).append(c, events);
            c.commit();
            return written;
        }
    }

    Checkpoint checkpoint() throws Exception {
        return new Checkpointer(this::open, macKey, keys()).make(signer, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    ChainVerification.Verification verify() throws SQLException {
        return verify(ChainVerification.Scope.FULL, List.of());
    }

    ChainVerification.Verification verify(ChainVerification.Scope scope, List<Checkpoint> witnesses) throws SQLException {
        return new ChainVerification(this::open, macKey, keys(), 7).verify(scope, witnesses);
    }

    /** Runs one statement; returns the rows it changed. */
    int sql(String statement, Object... params) throws SQLException {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    ChainRow row(long seq) throws SQLException {
        try (Connection c = open()) {
            return AuditRows.row(c, seq);
        }
    }

    AuditRows.Head head() throws SQLException {
        try (Connection c = open()) {
            return AuditRows.head(c, false);
        }
    }

    /**
     * What someone with database access but without the key does after editing entry {@code from}:
     * recomputes every later SHA-256 link and the head, exactly as the old unkeyed chain required.
     */
    void recomputeHashesFrom(long from) throws SQLException {
        AuditHashing noKey = new AuditHashing(new byte[32]);
        AuditRows.Head head = head();
        String prev = from == 1 ? AuditHashing.GENESIS : row(from - 1).hash();
        for (long seq = from; seq <= head.lastSeq(); seq++) {
            ChainRow r = row(seq);
            ChainRow relinked = r.at(seq, prev);
            String hash = noKey.hash(relinked);
            sql("UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, seq);
            prev = hash;
        }
        sql("UPDATE audit_head SET last_hash = ? WHERE id = 1", prev);
    }

    /** The rule of the old verifier: SHA-256 links, no gaps, head naming the last entry. */
    boolean passesUnkeyedRule() throws SQLException {
        AuditHashing noKey = new AuditHashing(new byte[32]);
        AuditRows.Head head = head();
        String prev = AuditHashing.GENESIS;
        for (long seq = 1; seq <= head.lastSeq(); seq++) {
            ChainRow r = row(seq);
            if (r == null || !r.prevHash().equals(prev) || !noKey.hash(r).equals(r.hash())) {
                return false;
            }
            prev = r.hash();
        }
        return head.lastHash().equals(prev);
    }

    Map<String, Object> headValues() throws SQLException {
        AuditRows.Head h = head();
        java.util.HashMap<String, Object> m = new java.util.HashMap<>();
        m.put("last_seq", h.lastSeq());
        m.put("last_hash", h.lastHash());
        m.put("last_mac", h.lastMac());
        m.put("keyed_from", h.keyedFrom());
        m.put("last_checkpoint", h.lastCheckpoint());
        m.put("head_mac", h.headMac());
        return m;
    }

    void restoreHead(Map<String, Object> v) throws SQLException {
        sql("UPDATE audit_head SET last_seq = ?, last_hash = ?, last_mac = ?, keyed_from = ?, last_checkpoint = ?, head_mac = ? WHERE id = 1",
                v.get("last_seq"), v.get("last_hash"), v.get("last_mac"), v.get("keyed_from"), v.get("last_checkpoint"),
                v.get("head_mac"));
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        }
    }
}
