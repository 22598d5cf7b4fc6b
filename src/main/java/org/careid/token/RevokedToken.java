package org.careid.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One revoked access token, kept until it would have expired anyway. */
@Entity
@Table(name = "revoked_token")
public class RevokedToken extends PanacheEntityBase {
    @Id
    public String jti;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
