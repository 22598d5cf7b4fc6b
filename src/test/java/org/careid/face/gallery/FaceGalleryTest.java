package org.careid.face.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.careid.face.embed.FaceEmbedder;
import org.junit.jupiter.api.Test;

/** Gallery behaviour with synthetic unit vectors (random 128-d directions are nearly orthogonal). */
class FaceGalleryTest {

    private final Random random = new Random(42);

    private float[] randomUnit() {
        float[] v = new float[128];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return FaceEmbedder.l2normalize(v);
    }

    /** A sample of the same "person": the identity vector plus noise, cosine about 0.8 to it. */
    private float[] near(float[] identity, double noise) {
        float[] v = new float[128];
        for (int i = 0; i < v.length; i++) {
            v[i] = identity[i] + (float) (noise * random.nextGaussian() / Math.sqrt(128));
        }
        return FaceEmbedder.l2normalize(v);
    }

    @Test
    void identifiesTheRightPersonAndVerifiesBestOfSamples() {
        FaceGallery g = new FaceGallery();
        List<UUID> staff = new ArrayList<>();
        List<float[]> ids = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            UUID s = UUID.randomUUID();
            float[] id = randomUnit();
            staff.add(s);
            ids.add(id);
            for (int k = 0; k < 3; k++) {
                g.add(s, UUID.randomUUID(), near(id, 0.6));
            }
        }
        assertEquals(600, g.size());
        assertEquals(200, g.personCount());
        for (int p = 0; p < 20; p++) {
            float[] probe = near(ids.get(p), 0.6);
            IdentificationResult r = g.identify(probe, 0.5, 0.05);
            assertTrue(r.matched(), "person " + p + " " + r);
            assertEquals(staff.get(p), r.staffId());
            assertTrue(r.secondBestScore() < 0.4, "runner-up is another person: " + r.secondBestScore());
            VerificationResult v = g.verify(staff.get(p), probe, 0.5);
            assertTrue(v.matched());
            assertEquals(v.score(), r.bestScore(), 1e-6);
            assertFalse(g.verify(staff.get(p + 1), probe, 0.5).matched(), "not someone else");
        }
    }

    @Test
    void strangersAreRejectedOpenSet() {
        FaceGallery g = new FaceGallery();
        for (int p = 0; p < 100; p++) {
            g.add(UUID.randomUUID(), UUID.randomUUID(), randomUnit());
        }
        for (int i = 0; i < 50; i++) {
            IdentificationResult r = g.identify(randomUnit(), 0.5, 0.05);
            assertEquals(IdentificationResult.Outcome.BELOW_THRESHOLD, r.outcome());
            assertTrue(r.match().isEmpty());
        }
        assertFalse(g.verify(UUID.randomUUID(), randomUnit(), 0.5).enrolled(), "unknown staff id");
    }

    @Test
    void twoPeopleTooAlikeGiveNoMatch() {
        FaceGallery g = new FaceGallery();
        float[] twin = randomUnit();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        g.add(a, UUID.randomUUID(), near(twin, 0.05));
        g.add(b, UUID.randomUUID(), near(twin, 0.05));
        IdentificationResult r = g.identify(twin, 0.5, 0.05);
        assertEquals(IdentificationResult.Outcome.AMBIGUOUS, r.outcome());
        assertTrue(r.bestScore() > 0.9);
        // the same person's two samples never count as a runner-up
        g.removeStaff(b);
        g.add(a, UUID.randomUUID(), near(twin, 0.05));
        assertTrue(g.identify(twin, 0.5, 0.05).matched());
    }

    @Test
    void removalKeepsTheRestIntact() {
        FaceGallery g = new FaceGallery();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        float[] va = randomUnit();
        float[] vb = randomUnit();
        UUID ta1 = UUID.randomUUID();
        g.add(a, ta1, va);
        g.add(a, UUID.randomUUID(), near(va, 0.3));
        g.add(b, UUID.randomUUID(), vb);
        assertTrue(g.remove(ta1));
        assertFalse(g.remove(ta1));
        assertEquals(2, g.size());
        assertTrue(g.verify(a, va, 0.5).matched(), "second sample of a still there");
        assertEquals(1, g.removeStaff(a));
        assertFalse(g.contains(a));
        assertTrue(Double.isNaN(g.bestScore(a, va)));
        IdentificationResult r = g.identify(vb, 0.5, 0.05);
        assertEquals(b, r.staffId(), "b moved within the array but is still found");
        g.clear();
        assertEquals(IdentificationResult.Outcome.EMPTY_GALLERY, g.identify(vb, 0.5, 0.05).outcome());
    }

    @Test
    void concurrentReadersAndWritersStayConsistent() throws Exception {
        FaceGallery g = new FaceGallery();
        UUID known = UUID.randomUUID();
        float[] kv = randomUnit();
        g.add(known, UUID.randomUUID(), kv);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                fs.add(pool.submit(() -> {
                    Random r = new Random();
                    for (int i = 0; i < 2000; i++) {
                        float[] v = new float[128];
                        v[r.nextInt(128)] = 1;
                        UUID s = UUID.randomUUID();
                        g.add(s, UUID.randomUUID(), v);
                        if (i % 2 == 0) {
                            g.removeStaff(s);
                        }
                    }
                }));
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        assertEquals(known, g.identify(kv, 0.9, 0.0).staffId());
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2001, g.size());
    }

    @Test
    void quantisedScoresStayCloseToExactCosine() {
        FaceGallery g = new FaceGallery();
        UUID a = UUID.randomUUID();
        float[] v = randomUnit();
        g.add(a, UUID.randomUUID(), v);
        for (int i = 0; i < 200; i++) {
            float[] probe = i % 2 == 0 ? near(v, 0.3 + i / 200.0) : randomUnit();
            assertEquals(FaceEmbedder.similarity(v, probe), g.bestScore(a, probe), 0.01);
        }
    }

    /** A reload (another replica's change replayed) must never leave a matcher without the person. */
    @Test
    void reloadingAPersonNeverHidesThemFromMatching() throws Exception {
        FaceGallery g = new FaceGallery();
        UUID person = UUID.randomUUID();
        float[] identity = randomUnit();
        List<FaceGallery.Template> samples = List.of(new FaceGallery.Template(UUID.randomUUID(), near(identity, 0.6)),
                new FaceGallery.Template(UUID.randomUUID(), near(identity, 0.6)));
        g.replaceStaff(person, samples);
        float[] probe = near(identity, 0.6);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> reloads = pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    g.replaceStaff(person, samples);
                }
            });
            int checks = 0;
            while (!reloads.isDone()) {
                assertFalse(Double.isNaN(g.bestScore(person, probe)), "the person vanished during a reload");
                checks++;
            }
            reloads.get();
            assertTrue(checks > 0);
            assertEquals(2, g.size());
            assertEquals(1, g.personCount());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The start-up load replaces everything; an empty reload takes a person out. */
    @Test
    void replaceAllLoadsEveryoneAndAnEmptyReplaceTakesAPersonOut() {
        FaceGallery g = new FaceGallery();
        UUID stale = UUID.randomUUID();
        g.add(stale, UUID.randomUUID(), randomUnit());
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        float[] va = randomUnit();
        g.replaceAll(Map.of(a, List.of(new FaceGallery.Template(UUID.randomUUID(), va),
                        new FaceGallery.Template(UUID.randomUUID(), near(va, 0.3))),
                b, List.of(new FaceGallery.Template(UUID.randomUUID(), randomUnit()))));
        assertFalse(g.contains(stale), "what was there before the load is gone");
        assertEquals(3, g.templateCount());
        assertEquals(2, g.personCount());
        assertEquals(a, g.identify(va, 0.5, 0.05).staffId());
        g.replaceStaff(a, List.of());
        assertFalse(g.contains(a));
        assertEquals(1, g.templateCount());
        assertEquals(1, g.personCount());
    }
}
