package org.careid.face.gallery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.careid.biometric.Gallery;

/**
 * In-memory gallery of face templates (L2-normalised 128-d embeddings) for 1:1 verification and 1:N
 * identification with open-set rejection. Scores are cosine similarities.
 *
 * <p>Layout, for memory and scan speed: each vector is quantised to signed bytes with its own scale
 * (largest component maps to 127; score error about 0.002, far below any threshold's precision),
 * stored back to back in fixed chunks of {@value #CHUNK} templates (growing never copies the whole
 * gallery and wastes at most one chunk); template ids are two longs each and the owner an int index
 * into the person table. No object per template: 100,000 templates take 12.8 MB of vectors, 2.4 MB
 * of ids and scales and about 10 MB for the staff-id map; a scan reads 4x less memory than floats.
 * Removal moves the last template into the hole. A read-write lock lets searches run in parallel;
 * enroll/delete are short and exclusive. What it holds is kept by
 * {@link org.careid.biometric.GalleryLifecycle}.
 */
@ApplicationScoped
public class FaceGallery implements Gallery<FaceGallery.Template> {

    public static final int DIMENSIONS = 128;
    static final int CHUNK = 4096;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<byte[]> chunks = new ArrayList<>();
    private float[] scales = new float[CHUNK];
    private int[] personOf = new int[CHUNK];
    private long[] templateMsb = new long[CHUNK];
    private long[] templateLsb = new long[CHUNK];
    private int size;
    /** Person index to staff id (null for freed slots, which are reused). */
    private final List<UUID> persons = new ArrayList<>();
    private final List<Integer> templatesOfPerson = new ArrayList<>();
    private final Map<UUID, Integer> personIndex = new HashMap<>();
    private final List<Integer> freePersonSlots = new ArrayList<>();

    /**
     * Adds one template of a staff member. Template ids are expected to be unique (database keys);
     * no duplicate check is made so that loading a large gallery stays linear.
     */
    public void add(UUID staffId, UUID templateId, float[] embedding) {
        requireDimensions(embedding);
        lock.writeLock().lock();
        try {
            addLocked(staffId, templateId, embedding);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** One enrolled template, for {@link #replaceStaff}. */
    public record Template(UUID templateId, float[] embedding) {}

    /**
     * Replaces every template of a staff member in one step (a reload after a change on any
     * replica): a matcher running at the same moment sees either the old templates or the new
     * ones, never the person missing.
     */
    @Override
    public void replaceStaff(UUID staffId, List<Template> templates) {
        templates.forEach(t -> requireDimensions(t.embedding()));
        lock.writeLock().lock();
        try {
            removeStaffLocked(staffId);
            for (Template t : templates) {
                addLocked(staffId, t.templateId(), t.embedding());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void replaceAll(Map<UUID, List<Template>> templatesByStaff) {
        templatesByStaff.values().forEach(ts -> ts.forEach(t -> requireDimensions(t.embedding())));
        lock.writeLock().lock();
        try {
            clearLocked();
            templatesByStaff.forEach((staffId, templates) -> templates.forEach(t -> addLocked(staffId, t.templateId(), t.embedding())));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void requireDimensions(float[] embedding) {
        if (embedding.length != DIMENSIONS) {
            throw new IllegalArgumentException("embedding must have " + DIMENSIONS + " values");
        }
    }

    private void addLocked(UUID staffId, UUID templateId, float[] embedding) {
        ensureCapacity(size + 1);
        int p = personIndex.computeIfAbsent(staffId, this::newPersonSlot);
        scales[size] = quantise(embedding, chunks.get(size / CHUNK), (size % CHUNK) * DIMENSIONS);
        personOf[size] = p;
        templateMsb[size] = templateId.getMostSignificantBits();
        templateLsb[size] = templateId.getLeastSignificantBits();
        templatesOfPerson.set(p, templatesOfPerson.get(p) + 1);
        size++;
    }

    /** Removes one template; false when unknown. */
    public boolean remove(UUID templateId) {
        lock.writeLock().lock();
        try {
            int pos = positionOf(templateId);
            if (pos < 0) {
                return false;
            }
            removeAt(pos);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every template of a staff member (erasure, deactivation); returns how many. */
    public int removeStaff(UUID staffId) {
        lock.writeLock().lock();
        try {
            return removeStaffLocked(staffId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int removeStaffLocked(UUID staffId) {
        Integer p = personIndex.get(staffId);
        if (p == null) {
            return 0;
        }
        int removed = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (personOf[i] == p) {
                removeAt(i);
                removed++;
            }
        }
        return removed;
    }

    /** Drops everything (e.g. before a reload from the database). */
    public void clear() {
        lock.writeLock().lock();
        try {
            clearLocked();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void clearLocked() {
        size = 0;
        chunks.clear();
        persons.clear();
        templatesOfPerson.clear();
        personIndex.clear();
        freePersonSlots.clear();
    }

    /** 1:1: best cosine similarity between the probe and the staff member's templates (NaN if none). */
    public double bestScore(UUID staffId, float[] probe) {
        lock.readLock().lock();
        try {
            Integer p = personIndex.get(staffId);
            if (p == null) {
                return Double.NaN;
            }
            byte[] q = new byte[DIMENSIONS];
            float qs = quantise(probe, q, 0);
            double best = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                if (personOf[i] == p) {
                    best = Math.max(best, dot(q, chunks.get(i / CHUNK), (i % CHUNK) * DIMENSIONS) * (double) (qs * scales[i]));
                }
            }
            return best;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** 1:1 verification against a claimed staff id (best of that person's samples). */
    public VerificationResult verify(UUID staffId, float[] probe, double threshold) {
        double s = bestScore(staffId, probe);
        return new VerificationResult(!Double.isNaN(s) && s >= threshold, s, !Double.isNaN(s));
    }

    /**
     * 1:N identification with open-set rejection: the best-scoring person is returned only when their
     * best score reaches {@code threshold} and beats the best score of every other person by at least
     * {@code margin}; otherwise no match (a stranger, or two people too alike to tell apart).
     */
    public IdentificationResult identify(float[] probe, double threshold, double margin) {
        if (probe.length != DIMENSIONS) {
            throw new IllegalArgumentException("probe must have " + DIMENSIONS + " values");
        }
        lock.readLock().lock();
        try {
            int p1 = -1;
            int p2 = -1;
            double s1 = Double.NEGATIVE_INFINITY;
            double s2 = Double.NEGATIVE_INFINITY;
            byte[] q = new byte[DIMENSIONS];
            float qs = quantise(probe, q, 0);
            float[] sc = scales;
            for (int c = 0; c * CHUNK < size; c++) {
                byte[] chunk = chunks.get(c);
                int base = c * CHUNK;
                int n = Math.min(CHUNK, size - base);
                for (int j = 0; j < n; j++) {
                    double s = dot(q, chunk, j * DIMENSIONS) * (double) (qs * sc[base + j]);
                    if (s <= s2) {
                        continue; // the common case: cannot change the two best people
                    }
                    int p = personOf[base + j];
                    if (p == p1) {
                        s1 = Math.max(s1, s);
                    } else if (s > s1) {
                        p2 = p1;
                        s2 = s1;
                        p1 = p;
                        s1 = s;
                    } else if (p == p2) {
                        s2 = Math.max(s2, s);
                    } else {
                        p2 = p;
                        s2 = s;
                    }
                }
            }
            if (p1 < 0) {
                return IdentificationResult.noMatch(IdentificationResult.Outcome.EMPTY_GALLERY, Double.NaN, Double.NaN);
            }
            double second = p2 < 0 ? Double.NaN : s2;
            if (s1 < threshold) {
                return IdentificationResult.noMatch(IdentificationResult.Outcome.BELOW_THRESHOLD, s1, second);
            }
            if (p2 >= 0 && s1 - s2 < margin) {
                return IdentificationResult.noMatch(IdentificationResult.Outcome.AMBIGUOUS, s1, second);
            }
            return new IdentificationResult(IdentificationResult.Outcome.MATCH, persons.get(p1), s1, second);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of templates (as {@link #templateCount()}). */
    public int size() {
        return templateCount();
    }

    @Override
    public int templateCount() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of distinct staff members with at least one template (N for the 1:N threshold). */
    @Override
    public int personCount() {
        lock.readLock().lock();
        try {
            return personIndex.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean contains(UUID staffId) {
        lock.readLock().lock();
        try {
            return personIndex.containsKey(staffId);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes held by the per-template arrays (allocated capacity), without the staff-id map. */
    public long arrayBytes() {
        lock.readLock().lock();
        try {
            return (long) chunks.size() * CHUNK * DIMENSIONS + (long) personOf.length * (4 + 4 + 8 + 8);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Integer dot product of two quantised vectors (a simple loop the JIT vectorises). */
    private static int dot(byte[] probe, byte[] v, int off) {
        int a = 0;
        for (int k = 0; k < DIMENSIONS; k++) {
            a += probe[k] * v[off + k];
        }
        return a;
    }

    /** Writes v as bytes (largest |component| to 127) at off; returns the scale back to floats. */
    static float quantise(float[] v, byte[] out, int off) {
        float max = 1e-12f;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        float k = 127f / max;
        for (int i = 0; i < DIMENSIONS; i++) {
            out[off + i] = (byte) Math.round(v[i] * k);
        }
        return max / 127f;
    }

    /** Linear scan over two long arrays: removals are rare and this avoids a map entry per template. */
    private int positionOf(UUID templateId) {
        long msb = templateId.getMostSignificantBits();
        long lsb = templateId.getLeastSignificantBits();
        for (int i = 0; i < size; i++) {
            if (templateLsb[i] == lsb && templateMsb[i] == msb) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int pos) {
        int last = size - 1;
        int p = personOf[pos];
        if (pos != last) {
            System.arraycopy(chunks.get(last / CHUNK), (last % CHUNK) * DIMENSIONS,
                    chunks.get(pos / CHUNK), (pos % CHUNK) * DIMENSIONS, DIMENSIONS);
            personOf[pos] = personOf[last];
            scales[pos] = scales[last];
            templateMsb[pos] = templateMsb[last];
            templateLsb[pos] = templateLsb[last];
        }
        size--;
        if ((size + CHUNK - 1) / CHUNK < chunks.size()) {
            chunks.remove(chunks.size() - 1); // give an emptied chunk back
        }
        int left = templatesOfPerson.get(p) - 1;
        templatesOfPerson.set(p, left);
        if (left == 0) {
            personIndex.remove(persons.get(p));
            persons.set(p, null);
            freePersonSlots.add(p);
        }
    }

    private int newPersonSlot(UUID staffId) {
        if (!freePersonSlots.isEmpty()) {
            int p = freePersonSlots.remove(freePersonSlots.size() - 1);
            persons.set(p, staffId);
            templatesOfPerson.set(p, 0);
            return p;
        }
        persons.add(staffId);
        templatesOfPerson.add(0);
        return persons.size() - 1;
    }

    private void ensureCapacity(int n) {
        while (chunks.size() * CHUNK < n) {
            chunks.add(new byte[CHUNK * DIMENSIONS]);
        }
        if (n > personOf.length) {
            int cap = ((int) (personOf.length * 1.25) / CHUNK + 1) * CHUNK;
            personOf = Arrays.copyOf(personOf, cap);
            scales = Arrays.copyOf(scales, cap);
            templateMsb = Arrays.copyOf(templateMsb, cap);
            templateLsb = Arrays.copyOf(templateLsb, cap);
        }
    }
}
