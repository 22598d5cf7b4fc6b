package org.careid.fingerprint;

import java.util.UUID;

/**
 * A comparison outcome: the staff member and finger position that scored best, the fused score on the
 * SourceAFIS scale, the threshold it was held against, and whether it passed. {@code staffId} is null
 * when the gallery had nothing to compare with.
 */
public record FingerprintMatch(UUID staffId, int finger, double score, double threshold, boolean matched) {
    static FingerprintMatch none(double threshold) {
        return new FingerprintMatch(null, 0, 0, threshold, false);
    }
}
