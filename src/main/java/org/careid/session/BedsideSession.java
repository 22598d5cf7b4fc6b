package org.careid.session;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A device's session for one access token: open while heartbeats arrive and the clinician is at the
 * device. {@code absentSince} is set by the first heartbeat frame without a face and cleared by a tap
 * or a frame with a face.
 */
@Entity
@Table(name = "bedside_session")
public class BedsideSession extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "token_jti")
    public String tokenJti;
    @Column(name = "token_expires_at")
    public Instant tokenExpiresAt;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "device_id")
    public UUID deviceId;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;
    @Column(name = "absent_since")
    public Instant absentSince;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public SessionEndReason endReason;

    public boolean open() {
        return endedAt == null;
    }
}
