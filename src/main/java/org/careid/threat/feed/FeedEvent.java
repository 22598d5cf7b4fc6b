package org.careid.threat.feed;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import org.careid.threat.StoredScopes;
import org.careid.events.TokenMisuseKind;

/** One reported event waiting for the detecting replica: an {@link AuthEventRecord} as a row. */
@Entity
@Table(name = "threat_event_feed")
public class FeedEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_time")
    public Instant time;
    @Enumerated(EnumType.STRING)
    public AuthEventKind kind;
    @Column(name = "staff_id")
    public UUID staffId;
    @Column(name = "claimed_staff_id")
    public UUID claimedStaffId;
    @Column(name = "device_id")
    public UUID deviceId;
    @Column(name = "device_ward")
    public String deviceWard;
    @Column(name = "device_type")
    public String deviceType;
    public String modality;
    /** Space-separated, sorted. */
    public String scopes;
    @Column(name = "match_score")
    public Double matchScore;
    @Column(name = "match_threshold")
    public Double matchThreshold;
    public String outcome;
    @Enumerated(EnumType.STRING)
    public TokenMisuseKind misuse;
    @Column(name = "software_version")
    public String softwareVersion;

    static FeedEvent of(AuthEventRecord e) {
        FeedEvent f = new FeedEvent();
        f.time = e.time();
        f.kind = e.kind();
        f.staffId = e.staffId();
        f.claimedStaffId = e.claimedStaffId();
        f.deviceId = e.deviceId();
        f.deviceWard = e.deviceWard();
        f.deviceType = e.deviceType();
        f.modality = e.modality();
        f.scopes = StoredScopes.join(e.scopes());
        f.matchScore = e.matchScore();
        f.matchThreshold = e.matchThreshold();
        f.outcome = e.outcome();
        f.misuse = e.misuse();
        f.softwareVersion = e.softwareVersion();
        return f;
    }

    AuthEventRecord toRecord() {
        return new AuthEventRecord(time, kind, staffId, claimedStaffId, deviceId, deviceWard, deviceType,
                modality, StoredScopes.split(scopes),
                matchScore, matchThreshold, outcome, misuse, softwareVersion);
    }
}
