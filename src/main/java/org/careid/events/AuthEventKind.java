package org.careid.events;

/** What happened. The auth, token and identity services publish these ({@link SecurityEvents}). */
public enum AuthEventKind {
    /** A person was authenticated at a device (a token was issued). */
    AUTH_SUCCESS,
    /** An authentication attempt at a device was refused. */
    AUTH_FAILURE,
    /** An identity or a device was locked out after too many failures. */
    LOCKOUT,
    /** A token was introspected successfully (normal use). */
    TOKEN_INTROSPECTED,
    /** A token was misused; {@link AuthEventRecord#misuse()} says how. */
    TOKEN_MISUSE,
    /** A device reported its software version ({@link AuthEventRecord#softwareVersion()}). */
    DEVICE_VERSION_REPORTED,
    /** Emergency (break-glass) access was granted; {@link AuthEventRecord#outcome()} is the reason code. */
    BREAK_GLASS,
    /** A staff PIN was set or changed; {@link AuthEventRecord#outcome()} says how (chosen, reset, changed). */
    PIN_CHANGED
}
