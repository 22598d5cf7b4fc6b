package org.careid.device;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Emergency (break-glass) access: the clinician's staff id and PIN plus why the biometrics cannot
 * be used; the server grants a short, narrow token and opens a review of the access afterwards.
 * The PIN is wiped once the request was sent. {@link #toString()} never shows it.
 */
public final class EmergencyRequest {
    /** The reasons the server accepts ({@code OTHER} needs a text). */
    public static final List<String> REASONS = List.of("LIFE_THREATENING_EMERGENCY", "PROTECTIVE_EQUIPMENT", "INJURY",
            "DEVICE_MALFUNCTION", "NOT_ENROLLED", "OTHER");

    private final String staffId;
    private final char[] pin;
    private final String reason;
    private final String text;

    public EmergencyRequest(String staffId, char[] pin, String reason, String text) {
        this.staffId = Objects.requireNonNull(staffId, "staffId");
        this.pin = Objects.requireNonNull(pin, "pin").clone();
        this.reason = Objects.requireNonNull(reason, "reason");
        this.text = text;
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS);
        }
        if (reason.equals("OTHER") && (text == null || text.isBlank())) {
            throw new IllegalArgumentException("reason OTHER needs a text");
        }
    }

    String staffId() {
        return staffId;
    }

    char[] pinChars() {
        return pin;
    }

    String reason() {
        return reason;
    }

    String text() {
        return text;
    }

    void wipe() {
        Arrays.fill(pin, '\0');
    }

    @Override
    public String toString() {
        return "EmergencyRequest[staffId=" + staffId + ", reason=" + reason + "]";
    }
}
