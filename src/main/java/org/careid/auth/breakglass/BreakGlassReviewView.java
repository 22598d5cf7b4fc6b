package org.careid.auth.breakglass;

import java.time.Instant;
import java.util.UUID;

/** JSON shape of a review item. */
public record BreakGlassReviewView(UUID id, UUID staffId, UUID deviceId, BreakGlassReason reasonCode,
                                   String reasonText, String tokenJti, Instant createdAt,
                                   BreakGlassStatus status, String reviewer, Instant reviewedAt,
                                   String reviewNote) {
    static BreakGlassReviewView of(BreakGlassReview r) {
        return new BreakGlassReviewView(r.id, r.staffId, r.deviceId, r.reasonCode, r.reasonText, r.tokenJti,
                r.createdAt, r.status, r.reviewer, r.reviewedAt, r.reviewNote);
    }
}
