package org.careid.audit;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks the chain (all of it, or from the newest checkpoint) and names the first break. Entries and
 * checkpoints are read in keyset pages on one connection, each page its own short read, and
 * nothing but the current page is held: memory stays flat however long the chain.
 *
 * <p>Checks, in chain order: sequence numbers have no gaps, every entry links to its predecessor's
 * hash, its hash matches its content, its MAC matches (from {@code keyedFrom} on), every stored
 * checkpoint is signed by a trusted key, links to the checkpoint before it and names the hash the
 * chain has at its sequence number, every witness checkpoint agrees too; then that the head row
 * (and its MAC) names the chain's real end.
 */
public final class ChainVerification {
    /** Public keys whose checkpoints are trusted; null for an unknown or untrusted kid. */
    @FunctionalInterface
    public interface TrustedKeys {
        PublicKey key(String kid);
    }

    public enum Scope {
        /** Every entry and checkpoint from the first. */
        FULL,
        /** The newest checkpoint, and the entries after it. */
        SINCE_LAST_CHECKPOINT
    }

    public record Verification(boolean valid, Scope scope, long entriesChecked, long checkpointsChecked,
                               Long firstBrokenSeq, AuditBreak breakKind, String reason,
                               Long lastCheckpointSeq, long headSeq, String headHash) {}

    private static final int LOOKAHEAD = 1000;
    private static final int RENUMBER_SEARCH = 32;

    private final AuditRows.Connections db;
    private final AuditHashing hashing;
    private final TrustedKeys keys;
    private final int pageSize;

    public ChainVerification(AuditRows.Connections db, byte[] macKey, TrustedKeys keys, int pageSize) {
        this.db = db;
        this.hashing = new AuditHashing(macKey);
        this.keys = keys;
        this.pageSize = pageSize;
    }

    /** @param witnesses checkpoints kept outside the database, their signatures already checked */
    public Verification verify(Scope scope, List<Checkpoint> witnesses) throws SQLException {
        try (Connection c = db.open()) {
            c.setAutoCommit(true); // every page is its own short read
            return new Walk(c, witnesses).run(scope);
        }
    }

    /** One verification run: the walk's state. */
    private final class Walk {
        private final Connection c;
        private final NavigableMap<Long, Checkpoint> witnesses = new TreeMap<>();
        private AuditRows.Head head;
        private long keyedFrom;
        private long expectedSeq = 1;
        private String prevHash = AuditHashing.GENESIS;
        private String prevMac = AuditHashing.GENESIS;
        private Checkpoint lastCheckpoint;
        private long entries;
        private long checkpoints;
        private Scope scope;

        Walk(Connection c, List<Checkpoint> witnessList) {
            this.c = c;
            for (Checkpoint w : witnessList) {
                witnesses.merge(w.seq(), w, (a, b) -> a);
            }
        }

        Verification run(Scope requested) throws SQLException {
            scope = requested;
            head = AuditRows.head(c, false);
            keyedFrom = head.keyedFrom() == null ? Long.MAX_VALUE : head.keyedFrom();
            if (requested == Scope.SINCE_LAST_CHECKPOINT) {
                AuditRows.StoredCheckpoint newest = AuditRows.latestCheckpoint(c, head.lastSeq());
                if (newest != null) {
                    Verification broken = startAtCheckpoint(newest);
                    if (broken != null) {
                        return broken;
                    }
                } else {
                    scope = Scope.FULL; // nothing signed yet: the whole chain is the tail
                }
            }
            Verification broken = walkEntries();
            return broken != null ? broken : checkEnd();
        }

        /** Trusts the prefix to the newest checkpoint after checking that checkpoint and its entry. */
        private Verification startAtCheckpoint(AuditRows.StoredCheckpoint stored) throws SQLException {
            Verification bad = checkCheckpoint(stored, null, true);
            if (bad != null) {
                return bad;
            }
            Checkpoint cp = lastCheckpoint;
            ChainRow row = AuditRows.row(c, cp.seq());
            if (row == null) {
                return broken(cp.seq(), AuditBreak.TRUNCATED_TAIL, "checkpoint " + cp.seq() + " names an entry that is gone");
            }
            if (!hashing.hash(row).equals(row.hash())) {
                return broken(row.seq(), AuditBreak.EDITED_ENTRY, "entry " + row.seq() + " no longer matches its hash");
            }
            if (!row.hash().equals(cp.headHash())) {
                return broken(row.seq(), AuditBreak.CHECKPOINT_MISMATCH,
                        "checkpoint " + cp.seq() + " names another head hash than entry " + row.seq() + " has");
            }
            String macBefore = AuditHashing.GENESIS;
            if (row.seq() > keyedFrom) {
                ChainRow before = AuditRows.row(c, row.seq() - 1);
                macBefore = before == null || before.mac() == null ? AuditHashing.GENESIS : before.mac();
            }
            if (row.seq() >= keyedFrom && !AuditHashing.same(row.mac(), hashing.mac(row.seq(), row.hash(), macBefore))) {
                return broken(row.seq(), AuditBreak.REBUILT_WITHOUT_KEY, "entry " + row.seq() + " has no valid MAC");
            }
            for (Checkpoint w : witnesses.headMap(cp.seq(), true).values()) {
                Verification mismatch = checkOlderWitness(w);
                if (mismatch != null) {
                    return mismatch;
                }
            }
            expectedSeq = row.seq() + 1;
            prevHash = row.hash();
            prevMac = row.seq() >= keyedFrom ? row.mac() : AuditHashing.GENESIS;
            return null;
        }

        private Verification walkEntries() throws SQLException {
            Deque<AuditRows.StoredCheckpoint> pendingCheckpoints = new ArrayDeque<>();
            long checkpointCursor = expectedSeq - 1;
            while (expectedSeq <= head.lastSeq()) {
                List<ChainRow> rows = AuditRows.page(c, expectedSeq - 1, head.lastSeq(), pageSize);
                if (rows.isEmpty()) {
                    break;
                }
                long pageEnd = rows.get(rows.size() - 1).seq();
                if (checkpointCursor < pageEnd) {
                    pendingCheckpoints.addAll(AuditRows.checkpoints(c, checkpointCursor, pageEnd, Integer.MAX_VALUE));
                    checkpointCursor = pageEnd;
                }
                for (ChainRow r : rows) {
                    Verification bad = checkEntry(r);
                    if (bad == null) {
                        while (bad == null && !pendingCheckpoints.isEmpty() && pendingCheckpoints.peek().seq() <= r.seq()) {
                            bad = checkCheckpoint(pendingCheckpoints.poll(), r, false);
                        }
                    }
                    if (bad == null) {
                        Checkpoint w = witnesses.get(r.seq());
                        if (w != null) {
                            bad = checkWitness(w, r);
                        }
                    }
                    if (bad != null) {
                        return bad;
                    }
                    entries++;
                    prevHash = r.hash();
                    prevMac = r.seq() >= keyedFrom ? r.mac() : AuditHashing.GENESIS;
                    expectedSeq++;
                }
            }
            return null;
        }

        private Verification checkEntry(ChainRow r) throws SQLException {
            long k = expectedSeq;
            if (r.seq() != k) {
                return broken(k, AuditBreak.DELETED_ENTRY, (r.seq() - k == 1 ? "entry " + k + " is" : "entries " + k + " to "
                        + (r.seq() - 1) + " are") + " missing");
            }
            if (!r.prevHash().equals(prevHash)) {
                return classifyBrokenLink(r);
            }
            if (!hashing.hash(r).equals(r.hash())) {
                return broken(k, AuditBreak.EDITED_ENTRY, "entry " + k + " no longer matches its hash (edited)");
            }
            if (k >= keyedFrom && !AuditHashing.same(r.mac(), hashing.mac(k, r.hash(), prevMac))) {
                return broken(k, AuditBreak.REBUILT_WITHOUT_KEY, "entry " + k + " has consistent hashes but "
                        + (r.mac() == null ? "no MAC" : "a MAC that does not verify")
                        + ": the chain was recomputed from here by someone without the key");
            }
            return null;
        }

        /** An entry whose previous-hash link is wrong: moved, renumbered after a deletion, or edited. */
        private Verification classifyBrokenLink(ChainRow r) throws SQLException {
            long k = r.seq();
            for (ChainRow later : AuditRows.page(c, k, Long.MAX_VALUE, LOOKAHEAD)) {
                if (later.prevHash().equals(prevHash) || later.hash().equals(r.prevHash())) {
                    return broken(k, AuditBreak.REORDERED_ENTRIES, "entry " + k + " is out of place: the entry that follows "
                            + (k - 1) + " now sits at " + later.seq());
                }
            }
            for (long original = k + 1; original <= k + RENUMBER_SEARCH; original++) {
                if (hashing.hash(r.at(original, r.prevHash())).equals(r.hash())) {
                    return broken(k, AuditBreak.DELETED_ENTRY, "entry " + k + " was written as entry " + original
                            + ": entries before it were deleted and the rest renumbered");
                }
            }
            return broken(k, AuditBreak.EDITED_ENTRY, "entry " + k + " does not link to entry " + (k - 1) + " (edited)");
        }

        /** Checks a stored checkpoint: signature, link to the one before, and (with its entry) the head hash. */
        private Verification checkCheckpoint(AuditRows.StoredCheckpoint stored, ChainRow at, boolean newestOnly) {
            Checkpoint cp;
            try {
                cp = Checkpoint.parse(stored.jws());
            } catch (Checkpoint.MalformedException e) {
                return broken(stored.seq(), AuditBreak.CHECKPOINT_SIGNATURE_INVALID, "checkpoint " + stored.seq()
                        + " is not a valid signed checkpoint");
            }
            if (!cp.signedBy(keys.key(cp.kid()))) {
                return broken(stored.seq(), AuditBreak.CHECKPOINT_SIGNATURE_INVALID, "checkpoint " + stored.seq()
                        + " does not verify under a trusted audit key (kid " + cp.kid() + ")");
            }
            checkpoints++;
            if (cp.seq() != stored.seq()) {
                return broken(stored.seq(), AuditBreak.CHECKPOINT_MISMATCH, "checkpoint stored at " + stored.seq()
                        + " was signed for entry " + cp.seq());
            }
            if (!newestOnly && !cp.follows(lastCheckpoint)) {
                return broken(stored.seq(), AuditBreak.CHECKPOINT_MISMATCH, "checkpoint " + cp.seq()
                        + " does not follow the checkpoint before it: a checkpoint was removed or replaced");
            }
            if (head.keyedFrom() != null && cp.keyedFrom() != head.keyedFrom()) {
                return broken(stored.seq(), AuditBreak.CHECKPOINT_MISMATCH, "checkpoint " + cp.seq()
                        + " signed another start of the keyed chain than the head names");
            }
            if (newestOnly && head.lastCheckpoint() > cp.seq()) {
                return broken(head.lastCheckpoint(), AuditBreak.CHECKPOINT_MISMATCH, "checkpoint "
                        + head.lastCheckpoint() + " is missing");
            }
            if (at != null && !at.hash().equals(cp.headHash())) {
                return broken(at.seq(), AuditBreak.CHECKPOINT_MISMATCH, "checkpoint " + cp.seq()
                        + " names another head hash than entry " + at.seq() + " has");
            }
            lastCheckpoint = cp;
            return null;
        }

        private Verification checkWitness(Checkpoint w, ChainRow at) throws SQLException {
            if (!at.hash().equals(w.headHash())) {
                return broken(w.seq(), AuditBreak.WITNESS_MISMATCH, "the witness checkpoint for entry " + w.seq()
                        + " names another head hash: the log was rewritten or rolled back at or before entry " + w.seq());
            }
            AuditRows.StoredCheckpoint stored = AuditRows.checkpointAt(c, w.seq());
            if (stored != null && !stored.jws().equals(w.jws())) {
                return broken(w.seq(), AuditBreak.WITNESS_MISMATCH, "the stored checkpoint " + w.seq()
                        + " differs from the witness copy");
            }
            return null;
        }

        /** A witness older than the newest checkpoint, in tail mode: one lookup of its entry. */
        private Verification checkOlderWitness(Checkpoint w) throws SQLException {
            ChainRow row = AuditRows.row(c, w.seq());
            if (row == null) {
                return broken(w.seq(), AuditBreak.TRUNCATED_TAIL, "a witness checkpoint names entry " + w.seq()
                        + " which is missing");
            }
            return checkWitness(w, row);
        }

        private Verification checkEnd() throws SQLException {
            long end = expectedSeq - 1;
            if (end < head.lastSeq()) {
                return broken(end + 1, AuditBreak.TRUNCATED_TAIL, "the head names entry " + head.lastSeq()
                        + " but the chain ends at " + end);
            }
            if (!head.lastHash().equals(prevHash)) {
                return broken(end, AuditBreak.TRUNCATED_TAIL, "the head row does not name the chain's last entry");
            }
            if (head.keyedFrom() != null && !AuditHashing.same(head.headMac(), hashing.headMac(head.lastSeq(),
                    head.lastHash(), head.lastMac(), head.keyedFrom(), head.lastCheckpoint()))) {
                return broken(end + 1, AuditBreak.TRUNCATED_TAIL, "the head row was rewritten without the key "
                        + "(entries after " + end + " may have been cut)");
            }
            long walkedCheckpoint = lastCheckpoint == null ? 0 : lastCheckpoint.seq();
            if (head.lastCheckpoint() > walkedCheckpoint) {
                return broken(head.lastCheckpoint(), AuditBreak.CHECKPOINT_MISMATCH, "checkpoint "
                        + head.lastCheckpoint() + " is missing");
            }
            AuditRows.StoredCheckpoint newest = AuditRows.latestCheckpoint(c, Long.MAX_VALUE);
            if (newest != null && newest.seq() > end && AuditRows.row(c, newest.seq()) == null) {
                return broken(end + 1, AuditBreak.TRUNCATED_TAIL, "checkpoint " + newest.seq()
                        + " names entries beyond the chain's end at " + end);
            }
            for (Checkpoint w : witnesses.tailMap(end, false).values()) {
                ChainRow row = AuditRows.row(c, w.seq());
                if (row == null) {
                    return broken(end + 1, AuditBreak.TRUNCATED_TAIL, "a witness checkpoint names entry " + w.seq()
                            + " but the chain ends at " + end + ": entries were cut or the database was rolled back "
                            + "(restored from an older backup)");
                }
                Verification mismatch = checkWitness(w, row);
                if (mismatch != null) {
                    return mismatch;
                }
            }
            return new Verification(true, scope, entries, checkpoints, null, null, null,
                    lastCheckpoint == null ? null : lastCheckpoint.seq(), head.lastSeq(), prevHash);
        }

        private Verification broken(long seq, AuditBreak kind, String reason) {
            return new Verification(false, scope, entries, checkpoints, seq, kind, reason,
                    lastCheckpoint == null ? null : lastCheckpoint.seq(), head.lastSeq(), null);
        }
    }
}
