package org.careid.threat.alert;

import java.time.Instant;
import java.util.UUID;
import org.careid.threat.Severity;
import org.careid.threat.SubjectType;

/** The JSON shape of an alert in the REST API, the webhook and CDI events. */
public record AlertView(UUID id, Severity severity, String detector, SubjectType subjectType,
                        String subjectId, String evidence, Instant firstSeen, Instant lastSeen,
                        int occurrences, AlertStatus status, String acknowledgedBy,
                        Instant acknowledgedAt, String resolvedBy, Instant resolvedAt,
                        String resolutionNote) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.severity, a.detector, a.subjectType, a.subjectId, a.evidence,
                a.firstSeen, a.lastSeen, a.occurrences, a.status, a.acknowledgedBy, a.acknowledgedAt,
                a.resolvedBy, a.resolvedAt, a.resolutionNote);
    }
}
