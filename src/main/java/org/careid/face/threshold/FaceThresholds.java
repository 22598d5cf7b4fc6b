package org.careid.face.threshold;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.careid.biometric.OperatingPoint;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decision thresholds of the face matcher (cosine similarity, match when score >= threshold).
 *
 * <p>1:1: the threshold for the target false-match rate {@code careid.face.target-fmr} (default
 * 1e-4), the stricter of the measured operating point (largest calibrated target not above the
 * requested one, when the impostor sample could resolve it) and the fitted impostor tail.
 *
 * <p>1:N: a stranger is compared with every one of N enrolled people, so the false-positive
 * identification rate is FPIR = 1 - (1 - FMR)^N, about N * FMR. For a target FPIR
 * ({@code careid.face.target-fpir}, default 1e-3) each per-person comparison must therefore reach
 * FMR = FPIR / N, whose threshold comes from the impostor tail model (far below what any test set can
 * measure directly); never lower than the 1:1 threshold. The open-set margin
 * {@code careid.face.identify-margin} additionally refuses a best person too close to the runner-up.
 */
@ApplicationScoped
public class FaceThresholds {

    private final FaceCalibration calibration;
    private final double targetFmr;
    private final double targetFpir;
    private final double identifyMargin;

    @Inject
    public FaceThresholds(@ConfigProperty(name = "careid.face.target-fmr", defaultValue = "1e-4") double targetFmr,
                          @ConfigProperty(name = "careid.face.target-fpir", defaultValue = "1e-3") double targetFpir,
                          @ConfigProperty(name = "careid.face.identify-margin", defaultValue = "0.05") double identifyMargin) {
        this(requireBundled(), targetFmr, targetFpir, identifyMargin);
    }

    public FaceThresholds(FaceCalibration calibration, double targetFmr, double targetFpir, double identifyMargin) {
        if (!(targetFmr > 0 && targetFmr < 1) || !(targetFpir > 0 && targetFpir < 1)) {
            throw new IllegalArgumentException("target FMR and FPIR must be in (0,1)");
        }
        this.calibration = calibration;
        this.targetFmr = targetFmr;
        this.targetFpir = targetFpir;
        this.identifyMargin = identifyMargin;
    }

    private static FaceCalibration requireBundled() {
        FaceCalibration c = FaceCalibration.bundled();
        if (c == null) {
            throw new IllegalStateException("face calibration table " + FaceCalibration.RESOURCE + " missing");
        }
        return c;
    }

    /** Threshold for any per-comparison false-match rate. */
    public double thresholdForFmr(double fmr) {
        double t = calibration.tail().threshold(fmr);
        OperatingPoint best = null;
        for (OperatingPoint p : calibration.points()) {
            if (p.measurable() && p.targetFmr() <= fmr * (1 + 1e-9) && (best == null || p.targetFmr() > best.targetFmr())) {
                best = p;
            }
        }
        return best == null ? t : Math.max(t, best.threshold());
    }

    /** 1:1 verification threshold for the configured target FMR. */
    public double verificationThreshold() {
        return thresholdForFmr(targetFmr);
    }

    /** 1:N threshold for a gallery of {@code persons} enrolled people and the configured target FPIR. */
    public double identificationThreshold(int persons) {
        double perComparison = targetFpir / Math.max(1, persons);
        return Math.max(verificationThreshold(), thresholdForFmr(perComparison));
    }

    public double identifyMargin() {
        return identifyMargin;
    }

    public double targetFmr() {
        return targetFmr;
    }

    public double targetFpir() {
        return targetFpir;
    }

    public FaceCalibration calibration() {
        return calibration;
    }
}
