package org.careid.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person who operates CareID (admin, enroller at a kiosk, auditor). */
@Entity
@Table(name = "operator_account")
public class OperatorAccount extends PanacheEntityBase {
    @Id
    public UUID id;
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    @JdbcTypeCode(SqlTypes.VARCHAR)
    public Roles.OperatorRole role;
    public boolean active;
    @Column(name = "must_change_password")
    public boolean mustChangePassword;
    @Column(name = "failed_attempts")
    public int failedAttempts;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "last_login_at")
    public Instant lastLoginAt;
    /** Raised to end every session of the account: tokens carry the epoch they were issued in. */
    @Column(name = "session_epoch")
    public int sessionEpoch;
    @Version
    public long version;

    /** Every token issued so far stops working on its next request, on every replica. */
    public void endSessions() {
        sessionEpoch++;
    }

    public static OperatorAccount findByUsername(String username) {
        return find("username", username).firstResult();
    }
}
