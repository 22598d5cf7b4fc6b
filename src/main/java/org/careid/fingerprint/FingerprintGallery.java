package org.careid.fingerprint;

import com.machinezoo.sourceafis.FingerprintMatcher;
import com.machinezoo.sourceafis.FingerprintTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;
import org.careid.biometric.Gallery;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In-memory gallery of prepared templates, keyed by staff id, finger position (1-10) and template id.
 * A probe is compared with every impression of a finger and the scores are fused
 * ({@link FingerprintScoreFusion}); a person's score is that of their best finger.
 *
 * <p>Thread-safe: readers work on an immutable snapshot, writers replace it under a lock. One
 * {@link FingerprintMatcher} is built per probe and shared by the search threads (SourceAFIS keeps its
 * scratch buffers per thread). Galleries with at least {@code careid.fingerprint.parallel-min-fingers}
 * fingers are searched in parallel on the common fork-join pool. What it holds is kept by
 * {@link org.careid.biometric.GalleryLifecycle}.
 */
@ApplicationScoped
public class FingerprintGallery implements Gallery<FingerprintGallery.Entry> {
    private final FingerprintThresholds thresholds;
    private final int parallelMinFingers;
    private final Object writeLock = new Object();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    @Inject
    public FingerprintGallery(FingerprintThresholds thresholds,
            @ConfigProperty(name = "careid.fingerprint.parallel-min-fingers", defaultValue = "256") int parallelMinFingers) {
        this.thresholds = thresholds;
        this.parallelMinFingers = parallelMinFingers;
    }

    /** One enrolled template to load. */
    public record Entry(UUID staffId, int finger, UUID templateId, FingerprintTemplate template) {
        public Entry {
            Objects.requireNonNull(staffId, "staffId");
            Objects.requireNonNull(templateId, "templateId");
            Objects.requireNonNull(template, "template");
            if (finger < 0 || finger > 10) {
                throw new IllegalArgumentException("finger position must be 0-10");
            }
        }
    }

    public void add(UUID staffId, int finger, UUID templateId, FingerprintTemplate template) {
        addAll(List.of(new Entry(staffId, finger, templateId, template)));
    }

    /** Adds (or replaces, by template id) many templates in one snapshot rebuild: use it at start-up. */
    public void addAll(Collection<Entry> entries) {
        synchronized (writeLock) {
            Map<UUID, Entry> byTemplate = snapshot.entries();
            for (Entry entry : entries) {
                byTemplate.put(entry.templateId(), entry);
            }
            snapshot = Snapshot.of(byTemplate.values());
        }
    }

    public void removeTemplate(UUID templateId) {
        synchronized (writeLock) {
            Map<UUID, Entry> byTemplate = snapshot.entries();
            byTemplate.remove(templateId);
            snapshot = Snapshot.of(byTemplate.values());
        }
    }

    /** Erasure of a staff member, or of one finger when {@code finger} is 1-10 (0 = all fingers). */
    public void removeStaff(UUID staffId, int finger) {
        synchronized (writeLock) {
            Map<UUID, Entry> byTemplate = snapshot.entries();
            byTemplate.values().removeIf(e -> e.staffId().equals(staffId) && (finger == 0 || e.finger() == finger));
            snapshot = Snapshot.of(byTemplate.values());
        }
    }

    /**
     * Replaces a staff member's templates (one finger when {@code finger} is 1-10, 0 = all) in one
     * snapshot swap: a matcher running at the same moment sees the old templates or the new ones,
     * never the person missing.
     */
    public void replaceStaff(UUID staffId, int finger, Collection<Entry> entries) {
        synchronized (writeLock) {
            Map<UUID, Entry> byTemplate = snapshot.entries();
            byTemplate.values().removeIf(e -> e.staffId().equals(staffId) && (finger == 0 || e.finger() == finger));
            for (Entry entry : entries) {
                byTemplate.put(entry.templateId(), entry);
            }
            snapshot = Snapshot.of(byTemplate.values());
        }
    }

    @Override
    public void replaceStaff(UUID staffId, List<Entry> entries) {
        replaceStaff(staffId, 0, entries);
    }

    @Override
    public void replaceAll(Map<UUID, List<Entry>> entriesByStaff) {
        List<Entry> all = new ArrayList<>();
        entriesByStaff.values().forEach(all::addAll);
        synchronized (writeLock) {
            snapshot = Snapshot.of(all);
        }
    }

    public void clear() {
        synchronized (writeLock) {
            snapshot = Snapshot.EMPTY;
        }
    }

    @Override
    public int templateCount() {
        return snapshot.templates;
    }

    public int fingerCount() {
        return snapshot.fingers.length;
    }

    @Override
    public int personCount() {
        return snapshot.byStaff.size();
    }

    @Override
    public boolean contains(UUID staffId) {
        return snapshot.byStaff.containsKey(staffId);
    }

    /** 1:1 against a claimed staff member over all their fingers. */
    public FingerprintMatch verify(FingerprintTemplate probe, UUID staffId) {
        return verify(probe, staffId, 0);
    }

    /** 1:1 against one named finger (1-10) of a claimed staff member; 0 means any finger. */
    public FingerprintMatch verify(FingerprintTemplate probe, UUID staffId, int finger) {
        double threshold = thresholds.verification();
        List<FingerGroup> groups = snapshot.byStaff.getOrDefault(staffId, List.of());
        FingerprintMatcher matcher = null;
        FingerprintMatch best = FingerprintMatch.none(threshold);
        for (FingerGroup group : groups) {
            if (finger != 0 && group.finger != finger) {
                continue;
            }
            if (matcher == null) {
                matcher = new FingerprintMatcher(probe);
            }
            double score = group.score(matcher);
            if (best.staffId() == null || score > best.score()) {
                best = new FingerprintMatch(staffId, group.finger, score, threshold, score >= threshold);
            }
        }
        return best;
    }

    /**
     * 1:N over every enrolled finger with open-set rejection: the best candidate is returned as a match
     * only if it reaches the identification threshold for the current gallery size.
     */
    public FingerprintMatch identify(FingerprintTemplate probe) {
        Snapshot current = snapshot;
        double threshold = thresholds.identification(current.templates);
        if (current.fingers.length == 0) {
            return FingerprintMatch.none(threshold);
        }
        FingerprintMatcher matcher = new FingerprintMatcher(probe);
        double[] scores = scoreAll(current.fingers, matcher);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        FingerGroup group = current.fingers[best];
        return new FingerprintMatch(group.staffId, group.finger, scores[best], threshold, scores[best] >= threshold);
    }

    /** Best-scoring candidates (one per staff member and finger), highest first, for duplicate checks and audits. */
    public List<FingerprintMatch> candidates(FingerprintTemplate probe, int limit) {
        Snapshot current = snapshot;
        double threshold = thresholds.identification(current.templates);
        double[] scores = scoreAll(current.fingers, new FingerprintMatcher(probe));
        return IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a]))
                .limit(limit)
                .map(i -> new FingerprintMatch(current.fingers[i].staffId, current.fingers[i].finger, scores[i], threshold,
                        scores[i] >= threshold))
                .toList();
    }

    private double[] scoreAll(FingerGroup[] fingers, FingerprintMatcher matcher) {
        double[] scores = new double[fingers.length];
        IntStream range = IntStream.range(0, fingers.length);
        if (fingers.length >= parallelMinFingers) {
            range = range.parallel();
        }
        range.forEach(i -> scores[i] = fingers[i].score(matcher));
        return scores;
    }

    /** All impressions of one finger of one person. */
    private static final class FingerGroup {
        final UUID staffId;
        final int finger;
        final FingerprintTemplate[] templates;

        FingerGroup(UUID staffId, int finger, FingerprintTemplate[] templates) {
            this.staffId = staffId;
            this.finger = finger;
            this.templates = templates;
        }

        double score(FingerprintMatcher matcher) {
            double[] scores = new double[templates.length];
            for (int i = 0; i < templates.length; i++) {
                scores[i] = matcher.match(templates[i]);
            }
            return FingerprintScoreFusion.fuse(scores);
        }
    }

    private static final class Snapshot {
        static final Snapshot EMPTY = new Snapshot(List.of());
        final List<Entry> all;
        final FingerGroup[] fingers;
        final Map<UUID, List<FingerGroup>> byStaff;
        final int templates;

        private Snapshot(List<Entry> all) {
            this.all = all;
            this.templates = all.size();
            Map<UUID, Map<Integer, List<FingerprintTemplate>>> grouped = new HashMap<>();
            for (Entry entry : all) {
                grouped.computeIfAbsent(entry.staffId(), k -> new HashMap<>())
                        .computeIfAbsent(entry.finger(), k -> new ArrayList<>()).add(entry.template());
            }
            List<FingerGroup> groups = new ArrayList<>();
            Map<UUID, List<FingerGroup>> staff = new HashMap<>();
            grouped.forEach((staffId, byFinger) -> byFinger.forEach((finger, templates) -> {
                FingerGroup group = new FingerGroup(staffId, finger, templates.toArray(FingerprintTemplate[]::new));
                groups.add(group);
                staff.computeIfAbsent(staffId, k -> new ArrayList<>()).add(group);
            }));
            this.fingers = groups.toArray(FingerGroup[]::new);
            this.byStaff = staff;
        }

        static Snapshot of(Collection<Entry> entries) {
            return new Snapshot(List.copyOf(entries));
        }

        Map<UUID, Entry> entries() {
            Map<UUID, Entry> copy = new HashMap<>();
            all.forEach(e -> copy.put(e.templateId(), e));
            return copy;
        }
    }
}
