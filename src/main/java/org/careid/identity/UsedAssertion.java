package org.careid.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A client-assertion jti already used; its primary key makes a replay fail on every replica. */
@Entity
@Table(name = "used_assertion")
public class UsedAssertion extends PanacheEntityBase {
    @Id
    public String jti;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
