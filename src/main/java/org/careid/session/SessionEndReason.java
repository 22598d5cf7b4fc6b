package org.careid.session;

import java.util.Locale;

/** Why a bedside session ended; the reason given to the token revocation and the audit. */
public enum SessionEndReason {
    /** No heartbeat for longer than the idle time. */
    IDLE,
    /** Heartbeats arrived, but no face in their frames for longer than the absence time. */
    ABSENCE,
    /** A frame showed someone other than the session's clinician. */
    DIFFERENT_FACE,
    /** The device ended it (logout, lock). */
    ENDED_BY_DEVICE,
    /** The token expired first; nothing to revoke. */
    TOKEN_EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String revocationReason() {
        return "bedside session ended: " + wireName();
    }
}
