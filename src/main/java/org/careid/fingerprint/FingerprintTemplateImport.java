package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintCompatibility;
import com.machinezoo.sourceafis.FingerprintTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Imports minutiae templates from another system (ISO/IEC 19794-2:2005 and :2011, ANSI/INCITS 378
 * 2004, 2009 and 2009/AM1) through SourceAFIS {@link FingerprintCompatibility}. A foreign record may
 * hold several fingers or views; each becomes one template. Imported templates carry minutiae only
 * (no SourceAFIS image analysis), so they score lower than native ones: see docs/fingerprint.md.
 */
@ApplicationScoped
public class FingerprintTemplateImport {
    public static final int ASSUMED_DPI = 500;
    /** A record of ten fingers with a few hundred minutiae each is a few kilobytes; this leaves ample room. */
    public static final long MAX_TEMPLATE_BYTES = 1024 * 1024;

    public List<FingerprintTemplate> importAll(byte[] foreignTemplate) {
        if (foreignTemplate == null || foreignTemplate.length == 0) {
            throw new UnsupportedTemplateFormatException("empty template", null);
        }
        try {
            List<FingerprintTemplate> templates = FingerprintCompatibility.importTemplates(foreignTemplate);
            if (templates.isEmpty()) {
                throw new UnsupportedTemplateFormatException("template record holds no fingerprint", null);
            }
            return templates;
        } catch (UnsupportedTemplateFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnsupportedTemplateFormatException("not a valid ISO/IEC 19794-2 or ANSI/INCITS 378 template", e);
        }
    }

    /** Imports and wraps for storage; SourceAFIS converts positions to 500 dpi on import. */
    public List<StoredFingerprintTemplate> importForStorage(byte[] foreignTemplate, int finger) {
        return importAll(foreignTemplate).stream()
                .map(t -> StoredFingerprintTemplate.of(t, finger, ASSUMED_DPI)).toList();
    }
}
