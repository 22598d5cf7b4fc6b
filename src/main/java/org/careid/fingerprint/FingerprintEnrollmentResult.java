package org.careid.fingerprint;

import java.util.List;

/**
 * Outcome of enrolling one finger: the templates to store (one per impression, in input order) when
 * accepted, otherwise the reasons for refusal. Quality measures are given either way so an enrolment
 * kiosk can tell the operator which impression to capture again.
 */
public record FingerprintEnrollmentResult(boolean accepted, int finger, List<StoredFingerprintTemplate> templates,
        List<FingerprintQuality> qualities, List<String> reasons) {
    public FingerprintEnrollmentResult {
        templates = List.copyOf(templates);
        qualities = List.copyOf(qualities);
        reasons = List.copyOf(reasons);
    }
}
