package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ISO/IEC 19794-2:2005 templates made by another vendor's extractor from the FVC images. */
class FingerprintTemplateImportTest {
    private final FingerprintTemplateImport importer = new FingerprintTemplateImport();
    private final FingerprintPipeline pipeline = FingerprintPipeline.standalone(true);

    private byte[] iso(String finger, int impression) {
        Path folder = TestData.datasets("fingerprint-templates-iso").resolve(finger);
        return TestData.read(folder.resolve(finger.substring(finger.lastIndexOf('_') + 1) + "_" + impression + ".iso"));
    }

    @Test
    void isoTemplateImportsWithMinutiaeAndIsStorable() {
        List<StoredFingerprintTemplate> stored = importer.importForStorage(iso("fvc2002_db1_b_101", 1), 2);
        assertEquals(1, stored.size());
        FingerprintTemplate template = stored.get(0).toTemplate();
        assertTrue(FingerprintTemplates.minutiaeCount(template) >= 10);
        assertEquals(2, stored.get(0).finger());
    }

    @Test
    void importedTemplateMatchesItsOwnImageAndNotOtherFingers() {
        FingerprintTemplate imported = importer.importAll(iso("fvc2002_db1_b_102", 1)).get(0);
        FingerprintMatcher matcher = new FingerprintMatcher(imported);
        double own = matcher.match(pipeline.extract(TestData.fvc("fvc2002_db1_b_102", 1), 500).template());
        assertTrue(own >= 40, "same impression scored " + own);
        for (String other : List.of("fvc2002_db1_b_101", "fvc2002_db1_b_104", "fvc2002_db1_b_106", "fvc2002_db1_b_108")) {
            double score = matcher.match(pipeline.extract(TestData.fvc(other, 1), 500).template());
            assertTrue(score < 40, other + " scored " + score);
        }
    }

    @Test
    void garbageIsRefused() {
        assertThrows(UnsupportedTemplateFormatException.class, () -> importer.importAll(new byte[0]));
        assertThrows(UnsupportedTemplateFormatException.class, () -> importer.importAll("FMR\0 20\0 not really".getBytes()));
        assertThrows(UnsupportedTemplateFormatException.class, () -> importer.importAll(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }
}
