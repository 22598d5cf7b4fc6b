package org.careid.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A P-256 key that signs audit checkpoints; the private half is sealed with the master key. */
@Entity
@Table(name = "audit_signing_key")
public class AuditSigningKey extends PanacheEntityBase {
    @Id
    public String kid;
    @Column(name = "private_key")
    public byte[] sealedPrivateKey;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When it stopped signing; it stays published so the checkpoints it signed keep verifying. */
    @Column(name = "retired_at")
    public Instant retiredAt;
}
