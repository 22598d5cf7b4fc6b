package org.careid.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One link of the append-only, hash- and MAC-chained audit trail. Never updated or deleted by CareID. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {
    @Id
    public long seq;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "actor_type")
    public String actorType;
    @Column(name = "actor_id")
    public String actorId;
    public String action;
    @Column(name = "target_type")
    public String targetType;
    @Column(name = "target_id")
    public String targetId;
    public String outcome;
    @Column(name = "source_address")
    public String sourceAddress;
    /** Canonical JSON (sorted keys) with no secrets and no biometric data. */
    public String detail;
    @Column(name = "prev_hash")
    public String prevHash;
    /** Unkeyed SHA-256 link over the canonical form (recomputable by anyone holding an export). */
    public String hash;
    /** Keyed HMAC-SHA-256 link; null on entries written before the chain was keyed. */
    public String mac;
}
