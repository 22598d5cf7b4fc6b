package org.careid.face.gallery;

/** 1:1 outcome: {@code enrolled} false when the claimed person has no face template (score NaN). */
public record VerificationResult(boolean matched, double score, boolean enrolled) {
}
