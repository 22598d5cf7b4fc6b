package org.careid.fingerprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.machinezoo.sourceafis.FingerprintTransparency;
import java.io.IOException;

/**
 * Captures SourceAFIS's final segmentation mask ("filtered-mask", a block matrix) through its
 * transparency API during one extraction on the current thread. Only that key is accepted, so the
 * other intermediate data is never serialised.
 */
final class MaskCapture extends FingerprintTransparency {
    static final String KEY = "filtered-mask";
    private static final CBORMapper CBOR = new CBORMapper();
    private byte[] data;

    @Override
    public boolean accepts(String key) {
        return KEY.equals(key);
    }

    @Override
    public void take(String key, String mime, byte[] payload) {
        if (KEY.equals(key)) {
            data = payload;
        }
    }

    /** Share of blocks inside the mask, 0 when nothing was captured. */
    double foregroundFraction() {
        if (data == null) {
            return 0;
        }
        try {
            JsonNode cells = CBOR.readTree(data).path("cells");
            if (!cells.isArray() || cells.size() == 0) {
                return 0;
            }
            int inside = 0;
            for (JsonNode cell : cells) {
                if (cell.asBoolean()) {
                    inside++;
                }
            }
            return inside / (double) cells.size();
        } catch (IOException e) {
            return 0;
        }
    }
}
