package org.careid.auth.breakglass;

/** A review item waits for an ADMIN, who closes it as justified or unjustified. */
public enum BreakGlassStatus { PENDING, JUSTIFIED, UNJUSTIFIED }
