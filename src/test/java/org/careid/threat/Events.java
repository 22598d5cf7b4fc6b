package org.careid.threat;

import org.careid.events.AuthEventKind;
import org.careid.events.AuthEventRecord;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Hand-made events for detector tests. */
public final class Events {
    public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private Events() {}

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    public static AuthEventRecord success(long seconds, UUID staff, UUID device, String ward) {
        return AuthEventRecord.builder(AuthEventKind.AUTH_SUCCESS, at(seconds)).staff(staff)
                .device(device, ward, "bedside").modality("face").scopes(Set.of("patient/*.read"))
                .match(0.6, 0.4).outcome("ok").build();
    }

    public static AuthEventRecord failure(long seconds, UUID claimed, UUID device, String ward, double score) {
        return AuthEventRecord.builder(AuthEventKind.AUTH_FAILURE, at(seconds)).claimedStaff(claimed)
                .device(device, ward, "bedside").modality("face").match(score, 0.4).outcome("no-match").build();
    }
}
