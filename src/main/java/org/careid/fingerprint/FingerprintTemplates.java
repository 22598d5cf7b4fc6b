package org.careid.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.machinezoo.sourceafis.FingerprintCompatibility;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.io.IOException;

/** Facts about SourceAFIS templates that its API does not expose directly. */
public final class FingerprintTemplates {
    private static final CBORMapper CBOR = new CBORMapper();

    private FingerprintTemplates() {
    }

    /** Version of the SourceAFIS library in use; templates are only valid for the version that made them. */
    public static String sourceAfisVersion() {
        return FingerprintCompatibility.version();
    }

    /**
     * Minutiae in a template, read from its serialised form (CBOR map with arrays "positionsX",
     * "positionsY", "directions" and a "types" string, one entry per minutia).
     */
    public static int minutiaeCount(FingerprintTemplate template) {
        return minutiaeCount(template.toByteArray());
    }

    static int minutiaeCount(byte[] serialized) {
        try {
            JsonNode positions = CBOR.readTree(serialized).path("positionsX");
            return positions.isArray() ? positions.size() : 0;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a SourceAFIS template", e);
        }
    }
}
