package org.careid.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of tampering someone with write access to the database (but not the master key) can
 * do, each on a chain of its own, and the break the verifier names for it. Runs on the suite's
 * database: H2, or PostgreSQL when CI points the suite at one.
 */
class AuditTamperTest {
    private AuditSandbox box;
    /** Checkpoint 20 as the SIEM received it. */
    private String witnessAt20;

    @BeforeEach
    void chain() throws Exception {
        box = new AuditSandbox();
        box.append(10);
        box.checkpoint(); // checkpoint at 10
        box.append(10);
        box.checkpoint(); // checkpoint at 20
        box.append(5);    // 21..25 after the last checkpoint
        witnessAt20 = jwsAt(20);
        assertTrue(box.verify().valid(), "the untouched chain verifies");
    }

    @AfterEach
    void drop() throws Exception {
        box.close();
    }

    @Test
    void intactChainVerifiesFullyAndFromTheLastCheckpoint() throws Exception {
        ChainVerification.Verification full = box.verify();
        assertEquals(25, full.entriesChecked());
        assertEquals(2, full.checkpointsChecked());
        assertEquals(20L, full.lastCheckpointSeq());
        ChainVerification.Verification tail = box.verify(ChainVerification.Scope.SINCE_LAST_CHECKPOINT, List.of());
        assertTrue(tail.valid());
        assertEquals(5, tail.entriesChecked(), "only the entries after checkpoint 20 are walked");
    }

    @Test
    void editedEntry() throws Exception {
        box.sql("UPDATE audit_entry SET outcome = 'FAILURE' WHERE seq = 13");
        assertBreak(13, AuditBreak.EDITED_ENTRY);
    }

    @Test
    void rewriteWithRecomputedHashesPassesTheOldRuleButNotTheKeyedOne() throws Exception {
        box.sql("UPDATE audit_entry SET actor_id = 'someone-else' WHERE seq = 22");
        box.recomputeHashesFrom(22);
        assertTrue(box.passesUnkeyedRule(), "the old unkeyed verification would call this chain valid");
        assertBreak(22, AuditBreak.REBUILT_WITHOUT_KEY);
        ChainVerification.Verification tail = box.verify(ChainVerification.Scope.SINCE_LAST_CHECKPOINT, List.of());
        assertEquals(AuditBreak.REBUILT_WITHOUT_KEY, tail.breakKind(), "the incremental check sees it too");
    }

    @Test
    void rewriteBeforeACheckpointWithCopiedMacsIsStillCaught() throws Exception {
        // The attacker keeps the stored MACs (they cannot compute new ones) and recomputes the hashes.
        box.sql("UPDATE audit_entry SET detail = '{}' WHERE seq = 4");
        box.recomputeHashesFrom(4);
        assertBreak(4, AuditBreak.REBUILT_WITHOUT_KEY);
    }

    @Test
    void strippedMacsOnKeyedEntries() throws Exception {
        box.sql("UPDATE audit_entry SET mac = NULL WHERE seq >= 18");
        assertBreak(18, AuditBreak.REBUILT_WITHOUT_KEY);
    }

    @Test
    void deletedEntry() throws Exception {
        box.sql("DELETE FROM audit_entry WHERE seq = 7");
        assertBreak(7, AuditBreak.DELETED_ENTRY);
    }

    @Test
    void deletedEntryWithTheRestRenumbered() throws Exception {
        box.sql("DELETE FROM audit_entry WHERE seq = 7");
        for (long seq = 8; seq <= 25; seq++) {
            box.sql("UPDATE audit_entry SET seq = ? WHERE seq = ?", seq - 1, seq);
        }
        assertBreak(7, AuditBreak.DELETED_ENTRY);
    }

    @Test
    void reorderedEntries() throws Exception {
        box.sql("UPDATE audit_entry SET seq = -1 WHERE seq = 15");
        box.sql("UPDATE audit_entry SET seq = 15 WHERE seq = 16");
        box.sql("UPDATE audit_entry SET seq = 16 WHERE seq = -1");
        assertBreak(15, AuditBreak.REORDERED_ENTRIES);
    }

    @Test
    void truncatedTailAfterTheLastCheckpoint() throws Exception {
        box.sql("DELETE FROM audit_entry WHERE seq > 22");
        assertBreak(23, AuditBreak.TRUNCATED_TAIL);
    }

    @Test
    void truncatedTailWithTheHeadWoundBack() throws Exception {
        ChainRow last = box.row(22);
        box.sql("DELETE FROM audit_entry WHERE seq > 22");
        box.sql("UPDATE audit_head SET last_seq = 22, last_hash = ?, last_mac = ? WHERE id = 1", last.hash(), last.mac());
        assertTrue(box.passesUnkeyedRule(), "the old rule cannot see a cut tail once the head is moved");
        assertBreak(23, AuditBreak.TRUNCATED_TAIL);
    }

    @Test
    void truncatedBeforeTheLastCheckpoint() throws Exception {
        ChainRow last = box.row(17);
        box.sql("DELETE FROM audit_entry WHERE seq > 17");
        box.sql("UPDATE audit_head SET last_seq = 17, last_hash = ?, last_mac = ? WHERE id = 1", last.hash(), last.mac());
        ChainVerification.Verification v = box.verify();
        assertFalse(v.valid());
        assertEquals(18L, v.firstBrokenSeq());
        assertEquals(AuditBreak.TRUNCATED_TAIL, v.breakKind());
    }

    @Test
    void checkpointWhoseSignatureFails() throws Exception {
        Checkpoint cp = Checkpoint.parse(jwsAt(20));
        String forged = cp.jws().substring(0, cp.jws().length() - 4) + (cp.jws().endsWith("AAAA") ? "BBBB" : "AAAA");
        box.sql("UPDATE audit_checkpoint SET jws = ? WHERE seq = 20", forged);
        assertBreak(20, AuditBreak.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void checkpointSignedWithAKeyOfTheAttackers() throws Exception {
        // Same kid, same content, but signed with a key the server never sealed.
        KeyPair mine = AuditSandbox.ecKeyPair();
        Checkpoint real = Checkpoint.parse(jwsAt(20));
        Checkpoint forged = Checkpoint.sign(20, real.headHash(), real.keyedFrom(), real.time(),
                Checkpoint.parse(jwsAt(10)), real.kid(), mine.getPrivate());
        box.sql("UPDATE audit_checkpoint SET jws = ? WHERE seq = 20", forged.jws());
        assertBreak(20, AuditBreak.CHECKPOINT_SIGNATURE_INVALID);
    }

    @Test
    void removedCheckpointBreaksTheCheckpointChain() throws Exception {
        box.sql("DELETE FROM audit_checkpoint WHERE seq = 10");
        assertBreak(20, AuditBreak.CHECKPOINT_MISMATCH);
    }

    @Test
    void removedNewestCheckpointIsMissedByNoOne() throws Exception {
        box.sql("DELETE FROM audit_checkpoint WHERE seq = 20");
        assertBreak(20, AuditBreak.CHECKPOINT_MISMATCH);
    }

    @Test
    void witnessCopyThatDisagreesWithTheStoredCheckpoint() throws Exception {
        Checkpoint witness = Checkpoint.parse(witnessAt20);
        assertTrue(box.verify(ChainVerification.Scope.FULL, List.of(witness)).valid(), "an agreeing witness is fine");
        // The stored checkpoint 20 was swapped for another one (same head, signed at another time).
        Checkpoint other = Checkpoint.sign(20, witness.headHash(), witness.keyedFrom(), witness.time().plusSeconds(60),
                Checkpoint.parse(jwsAt(10)), box.signer.kid(), box.signer.key());
        box.sql("UPDATE audit_checkpoint SET jws = ? WHERE seq = 20", other.jws());
        assertTrue(box.verify().valid(), "on its own the database looks consistent");
        ChainVerification.Verification v = box.verify(ChainVerification.Scope.FULL, List.of(witness));
        assertFalse(v.valid());
        assertEquals(AuditBreak.WITNESS_MISMATCH, v.breakKind());
        assertEquals(20L, v.firstBrokenSeq());
    }

    @Test
    void restoredBackupIsCaughtOnlyByAWitness() throws Exception {
        // A backup taken at entry 15 ...
        Map<String, Object> headAt15;
        box.sql("DELETE FROM audit_entry WHERE seq > 15");
        box.sql("DELETE FROM audit_checkpoint WHERE seq > 15");
        // Rebuild the head row exactly as it was at 15 (the backup holds a genuine one).
        ChainRow row15 = box.row(15);
        AuditHashing hashing = new AuditHashing(box.macKey);
        headAt15 = Map.of("last_seq", 15L, "last_hash", row15.hash(), "last_mac", row15.mac(), "keyed_from", 1L,
                "last_checkpoint", 10L, "head_mac", hashing.headMac(15, row15.hash(), row15.mac(), 1, 10));
        // ... is what the witness (the SIEM) received before the restore:
        Checkpoint witness = Checkpoint.parse(witnessAt20);
        box.restoreHead(headAt15);
        assertTrue(box.verify().valid(), "the restored database is consistent on its own");
        ChainVerification.Verification cut = box.verify(ChainVerification.Scope.FULL, List.of(witness));
        assertEquals(AuditBreak.TRUNCATED_TAIL, cut.breakKind());
        assertEquals(16L, cut.firstBrokenSeq());

        // The server carries on after the restore: new entries 16..25 and a new checkpoint at 25.
        box.append(10);
        assertNotNull(box.checkpoint());
        assertTrue(box.verify().valid());
        ChainVerification.Verification diverged = box.verify(ChainVerification.Scope.FULL, List.of(witness));
        assertEquals(AuditBreak.WITNESS_MISMATCH, diverged.breakKind());
        assertEquals(20L, diverged.firstBrokenSeq());
        ChainVerification.Verification tail = box.verify(ChainVerification.Scope.SINCE_LAST_CHECKPOINT, List.of(witness));
        assertEquals(AuditBreak.WITNESS_MISMATCH, tail.breakKind(), "the incremental check compares older witnesses too");
    }

    @Test
    void checkpointerRefusesToSignATamperedTail() throws Exception {
        box.sql("UPDATE audit_entry SET action = 'NOTHING' WHERE seq = 24");
        box.recomputeHashesFrom(24);
        Checkpointer.ChainBrokenException e = assertThrows(Checkpointer.ChainBrokenException.class, box::checkpoint);
        assertEquals(AuditBreak.REBUILT_WITHOUT_KEY, e.verification().breakKind());
        assertEquals(20L, box.head().lastCheckpoint(), "no checkpoint was stored");
    }

    @Test
    void checkpointsAreOnePerHeadAndNoneWithoutNewEntries() throws Exception {
        assertNotNull(box.checkpoint());
        assertNull(box.checkpoint(), "nothing new since the last checkpoint");
        assertEquals(25L, box.head().lastCheckpoint());
    }

    @Test
    void concurrentWritersOnTwoConnectionsExtendOneChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        box.append(1 + i % 3);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertNotNull(box.checkpoint());
        ChainVerification.Verification v = box.verify();
        assertTrue(v.valid(), String.valueOf(v));
        assertEquals(25 + 2 * (14 * 1 + 13 * 2 + 13 * 3), v.entriesChecked());
    }

    @Test
    void entriesFromBeforeTheKeyedChainVerifyUnderTheOldRuleUpToTheRekeyCheckpoint() throws Exception {
        try (AuditSandbox legacy = new AuditSandbox()) {
            // Three entries as the unkeyed chain wrote them: no MAC, head without a keyed start.
            AuditHashing noKey = new AuditHashing(new byte[32]);
            String prev = AuditHashing.GENESIS;
            for (long seq = 1; seq <= 3; seq++) {
                ChainRow r = new ChainRow(seq, Instant.parse("2026-01-0" + seq + "T10:00:00.123Z"), "SYSTEM", null,
                        "OLD_EVENT", null, null, "SUCCESS", null, "{}", prev, null, null);
                r = r.linked(noKey.hash(r), null);
                try (Connection c = legacy.open()) {
                    AuditRows.insert(c, List.of(r));
                }
                prev = r.hash();
            }
            legacy.sql("UPDATE audit_head SET last_seq = 3, last_hash = ? WHERE id = 1", prev);
            legacy.append(2); // the first keyed entries: 4 and 5
            assertEquals(4L, legacy.head().keyedFrom());
            assertNotNull(legacy.row(3).hash());
            assertNull(legacy.row(3).mac());
            assertNotNull(legacy.checkpoint(), "the re-key checkpoint");
            assertTrue(legacy.verify().valid());
            // Stripping the MAC of a keyed entry does not make it pass as an old one.
            legacy.sql("UPDATE audit_entry SET mac = NULL WHERE seq = 5");
            assertEquals(AuditBreak.REBUILT_WITHOUT_KEY, legacy.verify().breakKind());
            legacy.sql("UPDATE audit_entry SET mac = ? WHERE seq = 5", legacy.row(4).mac()); // undo attempt with a wrong MAC
            assertEquals(AuditBreak.REBUILT_WITHOUT_KEY, legacy.verify().breakKind());
        }
    }

    @Test
    void movingTheKeyedStartIsCaught() throws Exception {
        box.sql("UPDATE audit_head SET keyed_from = 30 WHERE id = 1");
        ChainVerification.Verification v = box.verify();
        assertFalse(v.valid());
        assertEquals(AuditBreak.CHECKPOINT_MISMATCH, v.breakKind(), String.valueOf(v));
    }

    private String jwsAt(long seq) throws Exception {
        try (Connection c = box.open()) {
            return AuditRows.checkpointAt(c, seq).jws();
        }
    }

    private void assertBreak(long seq, AuditBreak kind) throws Exception {
        ChainVerification.Verification v = box.verify();
        assertFalse(v.valid(), "tampering must be detected");
        assertEquals(kind, v.breakKind(), v.reason());
        assertEquals(seq, v.firstBrokenSeq(), v.reason());
    }
}
