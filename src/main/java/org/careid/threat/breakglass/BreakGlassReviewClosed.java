package org.careid.threat.breakglass;

/** CDI event after an ADMIN closed a break-glass review; the audit package records it. */
public record BreakGlassReviewClosed(BreakGlassReviewView review) {}
