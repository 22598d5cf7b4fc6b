package org.careid.biometric.evaluation;

/** Equal error rate and the threshold where FMR and FNMR cross. */
public record EqualErrorRate(double rate, double threshold) {
}
