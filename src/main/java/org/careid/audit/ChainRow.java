package org.careid.audit;

import java.time.Instant;

/**
 * One audit entry as stored, read and written with plain JDBC so that walking millions of them
 * keeps nothing in a persistence context. {@code hash} is the unkeyed SHA-256 link, {@code mac}
 * the keyed link (null on entries written before the chain was keyed).
 */
public record ChainRow(long seq, Instant occurredAt, String actorType, String actorId, String action,
                       String targetType, String targetId, String outcome, String sourceAddress, String detail,
                       String prevHash, String hash, String mac) {

    /** The same event at another position of the chain (links not yet computed). */
    ChainRow at(long newSeq, String newPrevHash) {
        return new ChainRow(newSeq, occurredAt, actorType, actorId, action, targetType, targetId, outcome,
                sourceAddress, detail, newPrevHash, null, null);
    }

    ChainRow linked(String newHash, String newMac) {
        return new ChainRow(seq, occurredAt, actorType, actorId, action, targetType, targetId, outcome,
                sourceAddress, detail, prevHash, newHash, newMac);
    }

    AuditEntry toEntity() {
        AuditEntry e = new AuditEntry();
        e.seq = seq;
        e.occurredAt = occurredAt;
        e.actorType = actorType;
        e.actorId = actorId;
        e.action = action;
        e.targetType = targetType;
        e.targetId = targetId;
        e.outcome = outcome;
        e.sourceAddress = sourceAddress;
        e.detail = detail;
        e.prevHash = prevHash;
        e.hash = hash;
        e.mac = mac;
        return e;
    }
}
