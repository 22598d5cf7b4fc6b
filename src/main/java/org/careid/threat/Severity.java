package org.careid.threat;

/** How urgent an alert is. Ordered from least to most severe. */
public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }
