package org.careid.threat.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.careid.threat.SubjectType;
import org.careid.threat.response.ResponseAction;

/** An automatic response applied (or attempted) for an alert; reversible by an ADMIN. */
@Entity
@Table(name = "threat_alert_response")
public class AlertResponse extends PanacheEntityBase {
    /** Applied and still in force. */
    public static final String APPLIED = "APPLIED";
    /** No ThreatResponder is installed, so nothing was done. */
    public static final String NO_RESPONDER = "NO_RESPONDER";
    /** The responder threw; nothing is assumed to be in force. */
    public static final String FAILED = "FAILED";
    /** An ADMIN reversed it. */
    public static final String REVERSED = "REVERSED";

    @Id
    public UUID id;
    @Column(name = "alert_id")
    public UUID alertId;
    @Enumerated(EnumType.STRING)
    public ResponseAction action;
    @Enumerated(EnumType.STRING)
    @Column(name = "target_type")
    public SubjectType targetType;
    @Column(name = "target_id")
    public UUID targetId;
    @Column(name = "applied_at")
    public Instant appliedAt;
    @Column(name = "until_time")
    public Instant until;
    public String outcome;
    @Column(name = "reversed_by")
    public String reversedBy;
    @Column(name = "reversed_at")
    public Instant reversedAt;
}
