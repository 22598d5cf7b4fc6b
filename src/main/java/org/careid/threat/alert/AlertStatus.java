package org.careid.threat.alert;

/** Lifecycle of an alert: open -> acknowledged (someone is on it) -> resolved. */
public enum AlertStatus { OPEN, ACKNOWLEDGED, RESOLVED }
