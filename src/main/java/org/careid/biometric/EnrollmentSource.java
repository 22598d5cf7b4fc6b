package org.careid.biometric;

import java.util.UUID;

/** A modality that can say what it holds for a person, for the enrollment-state view. */
public interface EnrollmentSource {
    /** The modality's name in the summary, e.g. "face" or "fingerprints". */
    String modality();

    /** A JSON-ready summary (counts, when, by whom), or null when nothing is enrolled. */
    Object summary(UUID staffId);
}
