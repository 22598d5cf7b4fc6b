package org.careid.fingerprint;

/** Bytes that are neither an ISO/IEC 19794-2 nor an ANSI/INCITS 378 template (HTTP 422). */
public final class UnsupportedTemplateFormatException extends RuntimeException {
    public UnsupportedTemplateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
