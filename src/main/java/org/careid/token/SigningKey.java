package org.careid.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A P-256 signing key. The private half is sealed with the master key; it never leaves the server. */
@Entity
@Table(name = "signing_key")
public class SigningKey extends PanacheEntityBase {
    @Id
    public String kid;
    @Column(name = "private_key")
    public byte[] sealedPrivateKey;
    @Column(name = "public_jwk")
    public String publicJwk;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
    @Column(name = "publish_until")
    public Instant publishUntil;
}
