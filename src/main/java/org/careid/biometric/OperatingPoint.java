package org.careid.biometric;

/**
 * Error rates at one threshold. {@code targetFmr} is NaN when the point was taken at a given
 * threshold rather than chosen for a target; {@code measurable} is false when the target FMR is finer
 * than the impostor sample can resolve (fewer than one expected impostor match).
 */
public record OperatingPoint(double targetFmr, double threshold, double fmr, double fnmr, boolean measurable) {
}
