package org.careid.audit;

import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Makes a signed checkpoint of the chain's head. It signs only what it has verified: first the
 * entries since the previous checkpoint are checked (hashes, MACs, link to that checkpoint), so a
 * chain rewritten in the database is refused rather than blessed. Then, in one short transaction
 * holding the head row lock, it checks that no other replica made a checkpoint meanwhile (so the
 * checkpoints stay one chain; the primary key on the sequence number backs this up), stores the
 * checkpoint and moves the head's checkpoint mark.
 */
public final class Checkpointer {
    /** The key that signs, with its kid. */
    public record Signer(String kid, PrivateKey key) {}

    /** The chain did not verify, so no checkpoint was signed. */
    public static class ChainBrokenException extends Exception {
        private final transient ChainVerification.Verification verification;

        ChainBrokenException(ChainVerification.Verification verification) {
            super("the audit chain does not verify: " + verification.breakKind() + " at " + verification.firstBrokenSeq());
            this.verification = verification;
        }

        public ChainVerification.Verification verification() {
            return verification;
        }
    }

    private final AuditRows.Connections db;
    private final byte[] macKey;
    private final ChainVerification verification;

    public Checkpointer(AuditRows.Connections db, byte[] macKey, ChainVerification.TrustedKeys keys) {
        this.db = db;
        this.macKey = macKey;
        this.verification = new ChainVerification(db, macKey, keys, 2000);
    }

    /** The new checkpoint, or null when there is nothing new to sign or another replica just did. */
    public Checkpoint make(Signer signer, Instant now) throws SQLException, ChainBrokenException {
        ChainVerification.Verification tail = verification.verify(ChainVerification.Scope.SINCE_LAST_CHECKPOINT, List.of());
        if (!tail.valid()) {
            throw new ChainBrokenException(tail);
        }
        long seq = tail.headSeq();
        Long previousSeq = tail.lastCheckpointSeq();
        if (seq == 0 || (previousSeq != null && previousSeq >= seq)) {
            return null;
        }
        AuditHashing hashing = new AuditHashing(macKey);
        try (Connection c = db.open()) {
            c.setAutoCommit(false);
            try {
                AuditRows.Head head = AuditRows.head(c, true);
                AuditRows.StoredCheckpoint latest = AuditRows.latestCheckpoint(c, Long.MAX_VALUE);
                long latestSeq = latest == null ? 0 : latest.seq();
                if (head.keyedFrom() == null || latestSeq >= seq || latestSeq != (previousSeq == null ? 0 : previousSeq)) {
                    c.rollback();
                    return null;
                }
                ChainRow row = AuditRows.row(c, seq);
                boolean headIntact = AuditHashing.same(head.headMac(), hashing.headMac(head.lastSeq(), head.lastHash(),
                        head.lastMac(), head.keyedFrom(), head.lastCheckpoint()));
                if (row == null || !row.hash().equals(tail.headHash()) || !headIntact) {
                    c.rollback();
                    throw new ChainBrokenException(new ChainVerification.Verification(false, tail.scope(),
                            tail.entriesChecked(), tail.checkpointsChecked(), seq, AuditBreak.TRUNCATED_TAIL,
                            "the head or entry " + seq + " changed while being checkpointed", previousSeq, head.lastSeq(), null));
                }
                Checkpoint cp = Checkpoint.sign(seq, row.hash(), head.keyedFrom(), now,
                        latest == null ? null : Checkpoint.parse(latest.jws()), signer.kid(), signer.key());
                AuditRows.insertCheckpoint(c, seq, row.hash(), now, signer.kid(), cp.jws());
                AuditRows.updateHead(c, new AuditRows.Head(head.lastSeq(), head.lastHash(), head.lastMac(), head.keyedFrom(),
                        seq, hashing.headMac(head.lastSeq(), head.lastHash(), head.lastMac(), head.keyedFrom(), seq)));
                c.commit();
                return cp;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
