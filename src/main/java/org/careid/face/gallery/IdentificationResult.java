package org.careid.face.gallery;

import java.util.Optional;
import java.util.UUID;

/**
 * 1:N outcome. {@code staffId} is set only for MATCH. Scores are for audit (the best and the runner-up
 * person); they must never be returned to the device, which only learns match / no match.
 */
public record IdentificationResult(Outcome outcome, UUID staffId, double bestScore, double secondBestScore) {

    /** Why identification ended as it did. */
    public enum Outcome { MATCH, BELOW_THRESHOLD, AMBIGUOUS, EMPTY_GALLERY }

    static IdentificationResult noMatch(Outcome outcome, double best, double second) {
        return new IdentificationResult(outcome, null, best, second);
    }

    public boolean matched() {
        return outcome == Outcome.MATCH;
    }

    public Optional<UUID> match() {
        return Optional.ofNullable(staffId);
    }
}
