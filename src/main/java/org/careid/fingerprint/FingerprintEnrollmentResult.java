package org.careid.fingerprint;

import java.util.List;

/**
 * Outcome of enrolling one finger: the templates to store when accepted (one per kept impression, in
 * input order; {@code kept} holds their 0-based input indices: all impressions up to three, three of
 * more), otherwise the reasons for refusal. Quality measures (one per input impression) are given
 * either way so an enrolment kiosk can tell the operator which impression to capture again.
 */
public record FingerprintEnrollmentResult(boolean accepted, int finger, List<StoredFingerprintTemplate> templates,
        List<FingerprintQuality> qualities, List<String> reasons, List<Integer> kept) {
    public FingerprintEnrollmentResult {
        templates = List.copyOf(templates);
        kept = List.copyOf(kept);
        qualities = List.copyOf(qualities);
        reasons = List.copyOf(reasons);
    }
}
