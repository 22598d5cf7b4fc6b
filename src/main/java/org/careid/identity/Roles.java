package org.careid.identity;

/**
 * The principals of CareID and what they may do (least privilege):
 * ADMIN everything; ENROLLER the kiosk (staff and biometrics, no devices or keys); AUDITOR reads
 * the audit trail only; DEVICE a bedside device proven by its key; RESOURCE_SERVER a service that
 * checks tokens.
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String ENROLLER = "ENROLLER";
    public static final String AUDITOR = "AUDITOR";
    public static final String DEVICE = "DEVICE";
    public static final String RESOURCE_SERVER = "RESOURCE_SERVER";

    /** Roles an operator account may hold. */
    public enum OperatorRole { ADMIN, ENROLLER, AUDITOR }

    private Roles() {}
}
