package org.careid.auth.breakglass;

/** The fixed list of reasons a clinician may give for emergency access. */
public enum BreakGlassReason {
    /** Cardiac arrest, resuscitation or another immediately life-threatening situation. */
    LIFE_THREATENING_EMERGENCY,
    /** Face covered (mask, shield) and fingerprints unavailable (gloves). */
    PROTECTIVE_EQUIPMENT,
    /** Injured or bandaged finger, facial injury. */
    INJURY,
    /** The biometric reader or camera does not work. */
    DEVICE_MALFUNCTION,
    /** Enrolment incomplete or templates not yet available. */
    NOT_ENROLLED,
    OTHER
}
