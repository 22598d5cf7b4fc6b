package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintTemplate;

/** A SourceAFIS template together with the quality measures taken while extracting it. */
public record ExtractedFingerprint(FingerprintTemplate template, FingerprintQuality quality, double dpi) {
}
