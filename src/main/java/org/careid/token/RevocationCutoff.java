package org.careid.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Every token of one staff member or device issued before {@link #revokedBefore} is revoked. */
@Entity
@Table(name = "revocation_cutoff")
public class RevocationCutoff extends PanacheEntityBase {
    @Id
    @Column(name = "subject_key")
    public String subjectKey;
    @Column(name = "revoked_before")
    public Instant revokedBefore;
    @Column(name = "expires_at")
    public Instant expiresAt;

    static String staffKey(Object staffId) {
        return "staff:" + staffId;
    }

    static String deviceKey(Object deviceId) {
        return "device:" + deviceId;
    }
}
