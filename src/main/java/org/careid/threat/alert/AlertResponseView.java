package org.careid.threat.alert;

import java.time.Instant;
import java.util.UUID;
import org.careid.threat.SubjectType;
import org.careid.threat.response.ResponseAction;

/** JSON shape of an automatic response recorded on an alert. */
public record AlertResponseView(UUID id, UUID alertId, ResponseAction action, SubjectType targetType,
                                UUID targetId, Instant appliedAt, Instant until, String outcome,
                                String reversedBy, Instant reversedAt) {

    public static AlertResponseView of(AlertResponse r) {
        return new AlertResponseView(r.id, r.alertId, r.action, r.targetType, r.targetId, r.appliedAt,
                r.until, r.outcome, r.reversedBy, r.reversedAt);
    }
}
