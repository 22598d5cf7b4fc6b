package org.careid.device;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a clinician presents at the device: a face image, a fingerprint image, a PIN (with the
 * staff id it belongs to) or several of them, plus the scopes the device asks for.
 * {@link #toString()} names the factors only, never their content.
 */
public final class AuthenticationRequest {
    /** Default scanner resolution the server assumes when none is given. */
    public static final int DEFAULT_DPI = 500;

    private final Set<String> scopes = new LinkedHashSet<>();
    private Image face;
    private Image fingerprint;
    private Integer finger;
    private int dpi = DEFAULT_DPI;
    private char[] pin;
    private String staffId;

    /** An image file's bytes, its file name and media type. */
    public record Image(byte[] content, String fileName, String contentType) {
        public Image {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
        }

        /** Names the media type from the first bytes: PNG, JPEG, BMP, TIFF, else octet-stream. */
        public static Image of(byte[] content, Path file) {
            return new Image(content, file.getFileName().toString(), sniffContentType(content));
        }

        @Override
        public String toString() {
            return "Image[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
        }
    }

    public static AuthenticationRequest forScopes(List<String> scopes) {
        AuthenticationRequest request = new AuthenticationRequest();
        request.scopes.addAll(scopes);
        return request;
    }

    public AuthenticationRequest face(Image image) {
        this.face = image;
        return this;
    }

    /** A fingerprint image; {@code finger} 1-10 (ISO numbering) or null when unknown. */
    public AuthenticationRequest fingerprint(Image image, Integer finger, int dpi) {
        if (finger != null && (finger < 1 || finger > 10)) {
            throw new IllegalArgumentException("finger must be 1-10");
        }
        if (dpi < 100 || dpi > 2000) {
            throw new IllegalArgumentException("dpi must be between 100 and 2000");
        }
        this.fingerprint = image;
        this.finger = finger;
        this.dpi = dpi;
        return this;
    }

    /** A PIN; kept as a char array so {@link #wipe()} can clear it after the call. */
    public AuthenticationRequest pin(char[] pin) {
        this.pin = pin.clone();
        return this;
    }

    /** The claimed staff member (UUID); needed with a PIN, optional otherwise (1:1 instead of 1:N). */
    public AuthenticationRequest staffId(String staffId) {
        this.staffId = staffId;
        return this;
    }

    /** Overwrites the PIN in memory. */
    public void wipe() {
        if (pin != null) {
            Arrays.fill(pin, '\0');
        }
    }

    Image face() {
        return face;
    }

    Image fingerprint() {
        return fingerprint;
    }

    Integer finger() {
        return finger;
    }

    int dpi() {
        return dpi;
    }

    char[] pinChars() {
        return pin;
    }

    String staffId() {
        return staffId;
    }

    Set<String> scopes() {
        return scopes;
    }

    /** Checks the combination before anything goes over the network. */
    void validate() {
        if (face == null && fingerprint == null && pin == null) {
            throw new CareIdException(Failure.BAD_INPUT, "Give at least one factor: a face, a fingerprint or a PIN");
        }
        if (pin != null && (staffId == null || staffId.isBlank())) {
            throw new CareIdException(Failure.BAD_INPUT, "A PIN needs the staff id it belongs to");
        }
        if (pin != null && pin.length == 0) {
            throw new CareIdException(Failure.BAD_INPUT, "The PIN is empty");
        }
    }

    static String sniffContentType(byte[] content) {
        if (startsWith(content, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(content, 'B', 'M')) {
            return "image/bmp";
        }
        if (startsWith(content, 'I', 'I', 0x2A, 0x00) || startsWith(content, 'M', 'M', 0x00, 0x2A)) {
            return "image/tiff";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "AuthenticationRequest[face=" + (face != null) + ", fingerprint=" + (fingerprint != null)
                + ", pin=" + (pin != null) + ", staffId=" + staffId + ", scopes=" + scopes + "]";
    }
}
