package org.careid.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Links a batch of new entries onto the chain inside the caller's transaction: locks the head row
 * (which serialises every writer, threads and replicas alike, so the chain never forks), computes
 * each entry's hash and MAC, inserts them in one JDBC batch and moves the head, with its MAC.
 * The first append of this code on an older chain records where the keyed part starts.
 */
public final class AuditAppender {
    private final AuditHashing hashing;

    public AuditAppender(byte[] macKey) {
        this.hashing = new AuditHashing(macKey);
    }

    /** @param events entries whose seq, links and MAC are ignored and computed here */
    public List<ChainRow> append(Connection c, List<ChainRow> events) throws SQLException {
        AuditRows.Head head = AuditRows.head(c, true);
        long keyedFrom = head.keyedFrom() != null ? head.keyedFrom() : head.lastSeq() + 1;
        long seq = head.lastSeq();
        String prevHash = head.lastHash();
        String prevMac = head.lastMac() != null ? head.lastMac() : AuditHashing.GENESIS;
        List<ChainRow> linked = new ArrayList<>(events.size());
        for (ChainRow event : events) {
            seq++;
            ChainRow row = event.at(seq, prevHash);
            String hash = hashing.hash(row);
            String mac = hashing.mac(seq, hash, prevMac);
            linked.add(row.linked(hash, mac));
            prevHash = hash;
            prevMac = mac;
        }
        AuditRows.insert(c, linked);
        AuditRows.updateHead(c, new AuditRows.Head(seq, prevHash, prevMac, keyedFrom, head.lastCheckpoint(),
                hashing.headMac(seq, prevHash, prevMac, keyedFrom, head.lastCheckpoint())));
        return linked;
    }
}
