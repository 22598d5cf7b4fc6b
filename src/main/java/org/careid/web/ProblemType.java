package org.careid.web;

import java.net.URI;

/**
 * The kinds of problem the API answers with: the RFC 9457 {@code type} URI clients switch on, the
 * HTTP status and a default title. Clients compare the URI, never the title or detail text.
 * docs/PROBLEM-TYPES.md lists them with their meaning and whether a device may show them.
 */
public enum ProblemType {
    VALIDATION("validation", 400, "Validation failed"),
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request body"),
    INVALID_PROVISIONING_CODE("invalid-provisioning-code", 400, "Provisioning failed"),
    /** A registered public key is not a valid P-256 public key (curve, point, size, private parts). */
    INVALID_KEY("invalid-key", 400, "Key not accepted"),
    PASSWORD_NOT_CHANGED("password-not-changed", 400, "Password not changed"),
    /** Client credentials (operator token, device or resource-server assertion) missing. */
    AUTHENTICATION_REQUIRED("authentication-required", 401, "Unauthorized"),
    /** Client credentials present but refused; which check failed is not said. */
    CREDENTIALS_REFUSED("credentials-refused", 401, "Unauthorized"),
    LOGIN_FAILED("login-failed", 401, "Login failed"),
    /** A person was not authenticated at a device: no match, wrong PIN, unknown or locked out alike. */
    AUTHENTICATION_FAILED("authentication-failed", 401, "Authentication failed"),
    SECOND_FACTOR_REQUIRED("second-factor-required", 401, "Authentication failed"),
    CHALLENGE_REQUIRED("challenge-required", 401, "Authentication failed"),
    TOKEN_REQUIRED("token-required", 401, "Unauthorized"),
    TOKEN_INVALID("token-invalid", 401, "Unauthorized"),
    TOKEN_EXPIRED("token-expired", 401, "Unauthorized"),
    TOKEN_REVOKED("token-revoked", 401, "Unauthorized"),
    /** Its staff member or device is no longer active, the device key changed, or its signing key was retired. */
    TOKEN_INACTIVE("token-inactive", 401, "Unauthorized"),
    PROOF_REQUIRED("proof-required", 401, "Unauthorized"),
    PROOF_INVALID("proof-invalid", 401, "Unauthorized"),
    FORBIDDEN("forbidden", 403, "Forbidden"),
    /** The operator's password was generated or reset: only the password change and logout are open. */
    PASSWORD_CHANGE_REQUIRED("password-change-required", 403, "Password change required"),
    /** The staff PIN was reset by an ADMIN: its owner must choose a new one at a device before it counts. */
    PIN_CHANGE_REQUIRED("pin-change-required", 403, "PIN change required"),
    INSUFFICIENT_SCOPE("insufficient-scope", 403, "Insufficient scope"),
    WRONG_DEVICE("wrong-device", 403, "Wrong device"),
    DEVICE_SUSPENDED("device-suspended", 403, "Token refused"),
    DEVICE_RETIRED("device-retired", 403, "Token refused"),
    DEVICE_NOT_PROVISIONED("device-not-provisioned", 403, "Token refused"),
    DEVICE_SOFTWARE_OUTDATED("device-software-outdated", 403, "Token refused"),
    /** The authenticated person may not receive the requested access (inactive, or no scope permitted). */
    ACCESS_NOT_GRANTED("access-not-granted", 403, "Token refused"),
    EMERGENCY_ACCESS_DISABLED("emergency-access-disabled", 403, "Emergency access disabled"),
    NOT_FOUND("not-found", 404, "Not found"),
    /** No bedside session with this id for the calling device. */
    SESSION_NOT_FOUND("session-not-found", 404, "Session not found"),
    /** The bedside session has ended (its token is revoked); the member {@code reason} says why. */
    SESSION_ENDED("session-ended", 409, "Session ended"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    TOKEN_REPLAYED("token-replayed", 409, "Token already used"),
    CONSENT_REQUIRED("consent-required", 409, "Consent required"),
    CONSENT_TEXT_OUTDATED("consent-text-outdated", 409, "Conflict"),
    DUPLICATE_IDENTITY("duplicate-identity", 409, "Duplicate identity"),
    /** Face enrollment from still photos is off: samples come from a live head-turn burst at the kiosk. */
    LIVE_CAPTURE_REQUIRED("live-capture-required", 409, "Live capture required"),
    REQUEST_TOO_LARGE("request-too-large", 413, "Request too large"),
    IMAGE_TOO_LARGE("image-too-large", 413, "Image too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    IMAGE_UNSUPPORTED("image-unsupported", 422, "Unsupported image format"),
    IMAGE_UNUSABLE("image-unusable", 422, "Unusable image"),
    /** The face capture cannot be compared (no face, several faces, too dark...); {@code reason} says what to fix. */
    CAPTURE_REJECTED("capture-rejected", 422, "Face capture not usable"),
    TEMPLATE_UNSUPPORTED("template-unsupported", 422, "Unsupported template"),
    ENROLLMENT_REFUSED("enrollment-refused", 422, "Fingerprint enrollment refused"),
    PRESENTATION_ATTACK_SUSPECTED("presentation-attack-suspected", 422, "Face sample refused"),
    /** A staff import's CSV or photo ZIP cannot be read safely (malformed, unsafe entry names, a zip bomb); {@code reason} says which. */
    IMPORT_FILE_REFUSED("import-file-refused", 422, "Import file refused"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    /** Any other 4xx the HTTP layer produces; the body carries the actual status. */
    REQUEST_REFUSED("request-refused", 400, "Request refused"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable"),
    /** The database did not answer within careid.database.timeout (an outage); retry later. */
    DATABASE_UNAVAILABLE("database-unavailable", 503, "Database unavailable");

    public static final String BASE = "https://careid.org/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    /** The {@code type} member, e.g. {@code https://careid.org/problems/token-expired}. */
    public String uri() {
        return BASE + slug;
    }

    public URI asUri() {
        return URI.create(uri());
    }

    /** The last path segment of the URI, e.g. {@code token-expired}. */
    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The type for a status the HTTP layer chose by itself (no route, wrong method, unreadable body...). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION;
            case 401 -> AUTHENTICATION_REQUIRED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> REQUEST_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : REQUEST_REFUSED;
        };
    }
}
