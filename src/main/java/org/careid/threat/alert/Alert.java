package org.careid.threat.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.careid.threat.Severity;
import org.careid.threat.SubjectType;

/** A stored alert: one per open incident per detector and subject (see AlertService). */
@Entity
@Table(name = "threat_alert")
public class Alert extends PanacheEntityBase {
    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String detector;
    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;
    @Column(name = "subject_id")
    public String subjectId;
    public String evidence;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public int occurrences;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolution_note")
    public String resolutionNote;
    @Version
    public long version;
}
