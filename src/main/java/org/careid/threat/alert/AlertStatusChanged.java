package org.careid.threat.alert;

/** CDI event after an alert was acknowledged or resolved; the audit package records it. */
public record AlertStatusChanged(AlertView alert, String actor) {}
