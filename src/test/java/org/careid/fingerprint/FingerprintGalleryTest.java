package org.careid.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.machinezoo.sourceafis.FingerprintTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real FVC2002 DB1 fingers (good optical captures): impressions 1-3 enrolled, later ones probe. */
class FingerprintGalleryTest {
    private static final List<String> ENROLLED = List.of("fvc2002_db1_b_101", "fvc2002_db1_b_103", "fvc2002_db1_b_105",
            "fvc2002_db1_b_107");
    private static final String NOT_ENROLLED = "fvc2002_db1_b_109";
    private static final FingerprintPipeline PIPELINE = FingerprintPipeline.standalone(true);
    private static final Map<String, UUID> STAFF = new LinkedHashMap<>();
    private static FingerprintGallery gallery;

    @BeforeAll
    static void enroll() {
        gallery = new FingerprintGallery(FingerprintThresholds.defaults(), 2);
        List<FingerprintGallery.Entry> entries = new ArrayList<>();
        for (String finger : ENROLLED) {
            UUID staff = UUID.randomUUID();
            STAFF.put(finger, staff);
            for (int i = 1; i <= 3; i++) {
                entries.add(new FingerprintGallery.Entry(staff, 2, UUID.randomUUID(), probe(finger, i)));
            }
        }
        gallery.addAll(entries);
    }

    private static FingerprintTemplate probe(String finger, int impression) {
        return PIPELINE.extract(TestData.fvc(finger, impression), TestData.fvcDpi(finger)).template();
    }

    @Test
    void genuineProbesVerifyAndOthersDoNot() {
        UUID owner = STAFF.get("fvc2002_db1_b_101");
        FingerprintMatch genuine = gallery.verify(probe("fvc2002_db1_b_101", 5), owner);
        assertTrue(genuine.matched(), "score " + genuine.score());
        assertEquals(2, genuine.finger());
        FingerprintMatch impostor = gallery.verify(probe("fvc2002_db1_b_103", 5), owner);
        assertFalse(impostor.matched(), "score " + impostor.score());
        assertEquals(40.0, impostor.threshold(), 1e-9);
    }

    @Test
    void namedFingerRestrictsVerification() {
        UUID owner = STAFF.get("fvc2002_db1_b_105");
        FingerprintTemplate probe = probe("fvc2002_db1_b_105", 4);
        assertTrue(gallery.verify(probe, owner, 2).matched());
        FingerprintMatch otherFinger = gallery.verify(probe, owner, 7);
        assertFalse(otherFinger.matched());
        assertNull(otherFinger.staffId());
        assertFalse(gallery.verify(probe, UUID.randomUUID()).matched());
    }

    @Test
    void identificationFindsTheRightPersonAndRejectsStrangers() {
        int found = 0;
        for (String finger : ENROLLED) {
            FingerprintMatch match = gallery.identify(probe(finger, 6));
            if (match.matched()) {
                assertEquals(STAFF.get(finger), match.staffId(), "a probe of " + finger + " identified someone else");
                found++;
            }
        }
        assertTrue(found >= 3, "found " + found + " of 4");
        for (int i = 1; i <= 3; i++) {
            FingerprintMatch stranger = gallery.identify(probe(NOT_ENROLLED, i));
            assertFalse(stranger.matched(), "open-set rejection failed, score " + stranger.score());
        }
    }

    @Test
    void candidatesAreRankedAndThresholdGrowsWithGallerySize() {
        List<FingerprintMatch> candidates = gallery.candidates(probe("fvc2002_db1_b_107", 7), 3);
        assertEquals(3, candidates.size());
        assertEquals(STAFF.get("fvc2002_db1_b_107"), candidates.get(0).staffId());
        assertTrue(candidates.get(0).score() >= candidates.get(1).score());
        FingerprintThresholds thresholds = FingerprintThresholds.defaults();
        assertTrue(thresholds.identification(3000) > thresholds.identification(12));
        assertEquals(thresholds.identification(gallery.templateCount()), candidates.get(0).threshold(), 1e-9);
    }

    @Test
    void erasureRemovesAPerson() {
        FingerprintGallery local = new FingerprintGallery(FingerprintThresholds.defaults(), 256);
        UUID staff = UUID.randomUUID();
        UUID template = UUID.randomUUID();
        local.add(staff, 3, template, probe("fvc2002_db1_b_101", 1));
        local.add(UUID.randomUUID(), 3, UUID.randomUUID(), probe("fvc2002_db1_b_103", 1));
        assertEquals(2, local.templateCount());
        assertTrue(local.contains(staff));
        local.removeStaff(staff, 0);
        assertFalse(local.contains(staff));
        assertEquals(1, local.templateCount());
        assertFalse(local.verify(probe("fvc2002_db1_b_101", 2), staff).matched());
    }

    @Test
    void concurrentSearchesAndUpdatesAgree() throws Exception {
        FingerprintGallery local = new FingerprintGallery(FingerprintThresholds.defaults(), 2);
        UUID owner = UUID.randomUUID();
        for (int i = 1; i <= 3; i++) {
            local.add(owner, 1, UUID.randomUUID(), probe("fvc2002_db1_b_103", i));
        }
        FingerprintTemplate probe = probe("fvc2002_db1_b_103", 4);
        FingerprintTemplate extra = probe(NOT_ENROLLED, 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FingerprintMatch>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                final int n = i;
                results.add(pool.submit(() -> {
                    if (n % 4 == 0) {
                        local.add(UUID.randomUUID(), 1, UUID.randomUUID(), extra);
                    }
                    return local.identify(probe);
                }));
            }
            for (Future<FingerprintMatch> result : results) {
                assertEquals(owner, result.get().staffId());
            }
            assertEquals(3 + 4, local.templateCount());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A reload (another replica's change replayed) must never leave a matcher without the person. */
    @Test
    void reloadingAPersonNeverHidesThemFromMatching() throws Exception {
        FingerprintGallery local = new FingerprintGallery(FingerprintThresholds.defaults(), 256);
        UUID owner = UUID.randomUUID();
        List<FingerprintGallery.Entry> templates = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            templates.add(new FingerprintGallery.Entry(owner, 1, UUID.randomUUID(), probe("fvc2002_db1_b_103", i)));
        }
        local.replaceStaff(owner, 0, templates);
        FingerprintTemplate probe = probe("fvc2002_db1_b_103", 4);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> reloads = pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    local.replaceStaff(owner, 0, templates);
                }
            });
            int checks = 0;
            while (!reloads.isDone()) {
                assertTrue(local.verify(probe, owner).matched(), "the person vanished during a reload");
                checks++;
            }
            reloads.get();
            assertTrue(checks > 0);
            assertEquals(3, local.templateCount());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The start-up load replaces everything; an empty reload takes a person out. */
    @Test
    void replaceAllLoadsEveryoneAndAnEmptyReplaceTakesAPersonOut() {
        FingerprintGallery local = new FingerprintGallery(FingerprintThresholds.defaults(), 256);
        UUID stale = UUID.randomUUID();
        local.add(stale, 1, UUID.randomUUID(), probe("fvc2002_db1_b_105", 1));
        UUID owner = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<FingerprintGallery.Entry> owners = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            owners.add(new FingerprintGallery.Entry(owner, 4, UUID.randomUUID(), probe("fvc2002_db1_b_103", i)));
        }
        local.replaceAll(Map.of(owner, owners,
                other, List.of(new FingerprintGallery.Entry(other, 1, UUID.randomUUID(), probe("fvc2002_db1_b_107", 1)))));
        assertFalse(local.contains(stale), "what was there before the load is gone");
        assertEquals(4, local.templateCount());
        assertEquals(2, local.personCount());
        assertTrue(local.verify(probe("fvc2002_db1_b_103", 4), owner).matched());
        local.replaceStaff(owner, List.of());
        assertFalse(local.contains(owner));
        assertEquals(1, local.templateCount());
        assertEquals(1, local.personCount());
    }
}
