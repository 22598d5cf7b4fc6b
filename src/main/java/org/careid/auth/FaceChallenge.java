package org.careid.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A head-turn challenge issued to one principal: single use, answered before {@code expiresAt}, for one
 * purpose. For authentication the principal is a device; for enrollment it is the operator at the
 * kiosk, and the challenge names the staff member being enrolled.
 */
@Entity
@Table(name = "face_challenge")
public class FaceChallenge extends PanacheEntityBase {
    @Id
    public String nonce;
    /** The device (authentication) or operator (enrollment) the challenge was issued to. */
    @Column(name = "device_id")
    public UUID issuedTo;
    /** {@link Purpose#name()}. */
    public String purpose;
    /** The staff member an enrollment challenge enrolls; null for authentication. */
    @Column(name = "staff_id")
    public UUID staffId;
    /** The requested turns, comma-separated codes in order (e.g. {@code left} or {@code right,left}). */
    public String instruction;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;

    /** What a challenge may be answered for: a nonce of one purpose is never redeemed for the other. */
    public enum Purpose { AUTHENTICATION, ENROLLMENT }
}
