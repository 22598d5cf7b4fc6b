package org.careid.fuzz;

import org.careid.fingerprint.FingerprintTemplateImport;
import org.careid.fingerprint.UnsupportedTemplateFormatException;
import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * ISO/IEC 19794-2 and ANSI/INCITS 378 records through the import (SourceAFIS compatibility
 * parser); the server takes them only at the ADMIN import endpoint, bounded to 1 MiB.
 */
class FingerprintTemplateFuzzTest {
    private static final FuzzInputs INPUTS = new FuzzInputs("ISO/ANSI fingerprint templates (FingerprintTemplateImport)");
    private static final FingerprintTemplateImport IMPORT = new FingerprintTemplateImport();

    @FuzzTest(maxExecutions = FuzzBudget.EXECUTIONS, maxDuration = FuzzBudget.DURATION)
    void importTemplate(byte[] data) {
        INPUTS.run(() -> {
            try {
                IMPORT.importAll(data);
            } catch (UnsupportedTemplateFormatException refused) {
                // 422 template-unsupported at the API
            }
        });
    }

    @AfterAll
    static void report() {
        INPUTS.report();
    }
}
