package org.careid.onboarding;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Small import limits, so the hostile files that cross them stay small; a fresh database and gallery. */
public class StaffImportProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("careid.import.max-rows", "50", "careid.import.max-csv-bytes", "64K",
                "careid.import.max-zip-entries", "20", "careid.import.max-uncompressed-bytes", "8M",
                "careid.import.max-zip-bytes", "12M", "careid.import.max-compression-ratio", "20");
    }
}
