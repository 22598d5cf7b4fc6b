package org.careid.biometric;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A staff member's recorded consent to biometric enrollment. */
@Entity
@Table(name = "biometric_consent")
public class BiometricConsent extends PanacheEntityBase {
    @Id
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "text_version")
    public String textVersion;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "recorded_by")
    public String recordedBy;
    /** Null when an operator recorded it at the kiosk; {@code import <job id>} when a staff import carried it. */
    public String source;
}
