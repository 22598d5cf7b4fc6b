package org.careid.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A head-turn challenge issued to one device: single use, answered before {@code expiresAt}. */
@Entity
@Table(name = "face_challenge")
public class FaceChallenge extends PanacheEntityBase {
    @Id
    public String nonce;
    @Column(name = "device_id")
    public UUID deviceId;
    /** The requested turns, comma-separated codes in order (e.g. {@code left} or {@code right,left}). */
    public String instruction;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "used_at")
    public Instant usedAt;
}
