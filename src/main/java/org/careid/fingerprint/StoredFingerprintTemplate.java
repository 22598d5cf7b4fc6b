package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintTemplate;
import java.util.Objects;

/**
 * A template as it is stored (encrypted by the caller): the SourceAFIS version that made it, the
 * finger position (ISO/IEC 19794 code 1-10, 0 when unknown), the image resolution, and the bytes of
 * {@link FingerprintTemplate#toByteArray()}. SourceAFIS templates are not compatible across versions,
 * so {@link #isCurrentVersion()} tells when a template must be re-extracted from the raw images.
 */
public record StoredFingerprintTemplate(String sourceAfisVersion, int finger, int dpi, byte[] bytes) {
    public StoredFingerprintTemplate {
        Objects.requireNonNull(sourceAfisVersion, "sourceAfisVersion");
        Objects.requireNonNull(bytes, "bytes");
        if (finger < 0 || finger > 10) {
            throw new IllegalArgumentException("finger position must be 0-10");
        }
    }

    public static StoredFingerprintTemplate of(FingerprintTemplate template, int finger, int dpi) {
        return new StoredFingerprintTemplate(FingerprintTemplates.sourceAfisVersion(), finger, dpi, template.toByteArray());
    }

    public boolean isCurrentVersion() {
        return sourceAfisVersion.equals(FingerprintTemplates.sourceAfisVersion());
    }

    /** Deserialises the template; refuses one made by another SourceAFIS version. */
    public FingerprintTemplate toTemplate() {
        if (!isCurrentVersion()) {
            throw new IllegalStateException("template made by SourceAFIS " + sourceAfisVersion + ", running "
                    + FingerprintTemplates.sourceAfisVersion() + ": re-extract it from the raw images");
        }
        return new FingerprintTemplate(bytes);
    }
}
