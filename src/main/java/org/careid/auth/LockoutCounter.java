package org.careid.auth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Consecutive failed authentications of one staff member or one device. */
@Entity
@Table(name = "auth_lockout")
public class LockoutCounter extends PanacheEntityBase {
    @Id
    @Column(name = "subject_key")
    public String subjectKey;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "expiry_audited")
    public boolean expiryAudited;
    @Version
    public long version;
}
