package org.careid.face.quality;

import java.util.Set;

/**
 * Quality verdict for one face: {@code score} in [0,1] ranks samples (higher is better, for picking
 * the best of several frames); {@code issues} is the gate: acceptable only when empty. The measured
 * values are there for the kiosk's live guidance and for audit (they hold no biometric data).
 */
public record QualityReport(double score, Set<QualityIssue> issues, int faceCount, double eyeDistance,
                            double sharpness, double brightness, double yawDegrees, double rollDegrees,
                            double detectorScore, double maskScore, double insideFraction) {

    public boolean acceptable() {
        return issues.isEmpty();
    }

    public boolean masked() {
        return issues.contains(QualityIssue.MASKED);
    }

    /** Report for images without a usable face (no measurements). */
    public static QualityReport of(QualityIssue issue, int faceCount) {
        return new QualityReport(0, Set.of(issue), faceCount, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
