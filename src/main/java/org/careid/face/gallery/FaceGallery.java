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

/**
 * In-memory gallery of face templates (L2-normalised 128-d embeddings) for 1:1 verification and 1:N
 * identification with open-set rejection.
 *
 * <p>Layout: one contiguous float[] holding all vectors back to back (no per-template object, so
 * 100,000 templates take 51 MB of vectors plus about 4 MB of ids) and a parallel int[] of person
 * indices; removal moves the last template into the hole. A read-write lock lets searches run in
 * parallel; writes (enroll, delete) are short and exclusive. Scores are cosine similarities.
 */
@ApplicationScoped
public class FaceGallery {

    public static final int DIMENSIONS = 128;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private float[] vectors = new float[DIMENSIONS * 1024];
    private int[] personOf = new int[1024];
    private UUID[] templateIds = new UUID[1024];
    private int size;
    /** Person index to staff id; indices of people who left are reused. */
    private final List<UUID> persons = new ArrayList<>();
    private final Map<UUID, Integer> personIndex = new HashMap<>();
    private final Map<UUID, Integer> templatePosition = new HashMap<>();
    private final Map<Integer, Integer> templateCountByPerson = new HashMap<>();
    private final List<Integer> freePersonSlots = new ArrayList<>();

    /** Adds (or replaces) one template of a staff member. */
    public void add(UUID staffId, UUID templateId, float[] embedding) {
        if (embedding.length != DIMENSIONS) {
            throw new IllegalArgumentException("embedding must have " + DIMENSIONS + " values");
        }
        lock.writeLock().lock();
        try {
            if (templatePosition.containsKey(templateId)) {
                removeAt(templatePosition.get(templateId));
            }
            ensureCapacity(size + 1);
            int p = personIndex.computeIfAbsent(staffId, this::newPersonSlot);
            System.arraycopy(embedding, 0, vectors, size * DIMENSIONS, DIMENSIONS);
            personOf[size] = p;
            templateIds[size] = templateId;
            templatePosition.put(templateId, size);
            templateCountByPerson.merge(p, 1, Integer::sum);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes one template; false when unknown. */
    public boolean remove(UUID templateId) {
        lock.writeLock().lock();
        try {
            Integer pos = templatePosition.get(templateId);
            if (pos == null) {
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
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops everything (e.g. before a reload from the database). */
    public void clear() {
        lock.writeLock().lock();
        try {
            size = 0;
            persons.clear();
            personIndex.clear();
            templatePosition.clear();
            templateCountByPerson.clear();
            freePersonSlots.clear();
            Arrays.fill(templateIds, null);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** 1:1: best cosine similarity between the probe and the staff member's templates (NaN if none). */
    public double bestScore(UUID staffId, float[] probe) {
        lock.readLock().lock();
        try {
            Integer p = personIndex.get(staffId);
            if (p == null) {
                return Double.NaN;
            }
            double best = Double.NaN;
            for (int i = 0; i < size; i++) {
                if (personOf[i] == p) {
                    double s = dot(probe, i * DIMENSIONS);
                    if (Double.isNaN(best) || s > best) {
                        best = s;
                    }
                }
            }
            return best;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** 1:1 verification against a claimed staff id. */
    public VerificationResult verify(UUID staffId, float[] probe, double threshold) {
        double s = bestScore(staffId, probe);
        return new VerificationResult(!Double.isNaN(s) && s >= threshold, s, !Double.isNaN(s));
    }

    /**
     * 1:N identification with open-set rejection: the best-scoring person is returned only when their
     * best score reaches {@code threshold} and beats the best score of any other person by at least
     * {@code margin}; otherwise no match (a stranger, or two people too alike to tell apart).
     */
    public IdentificationResult identify(float[] probe, double threshold, double margin) {
        lock.readLock().lock();
        try {
            int p1 = -1;
            int p2 = -1;
            double s1 = Double.NEGATIVE_INFINITY;
            double s2 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                double s = dot(probe, i * DIMENSIONS);
                if (s <= s2) {
                    continue; // the common case: cannot change the top two people
                }
                int p = personOf[i];
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

    /** Number of templates. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of distinct staff members with at least one template. */
    public int personCount() {
        lock.readLock().lock();
        try {
            return personIndex.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(UUID staffId) {
        lock.readLock().lock();
        try {
            return personIndex.containsKey(staffId);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Bytes held by the template arrays (capacity, not just the used part). */
    public long arrayBytes() {
        lock.readLock().lock();
        try {
            return (long) vectors.length * 4 + (long) personOf.length * 4 + (long) templateIds.length * 4;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Unrolled dot product; the JIT vectorises the independent accumulators. */
    private double dot(float[] probe, int off) {
        float[] v = vectors;
        float a0 = 0;
        float a1 = 0;
        float a2 = 0;
        float a3 = 0;
        for (int k = 0; k < DIMENSIONS; k += 4) {
            a0 += probe[k] * v[off + k];
            a1 += probe[k + 1] * v[off + k + 1];
            a2 += probe[k + 2] * v[off + k + 2];
            a3 += probe[k + 3] * v[off + k + 3];
        }
        return (a0 + a1) + (a2 + a3);
    }

    private void removeAt(int pos) {
        int last = size - 1;
        int p = personOf[pos];
        templatePosition.remove(templateIds[pos]);
        if (pos != last) {
            System.arraycopy(vectors, last * DIMENSIONS, vectors, pos * DIMENSIONS, DIMENSIONS);
            personOf[pos] = personOf[last];
            templateIds[pos] = templateIds[last];
            templatePosition.put(templateIds[pos], pos);
        }
        templateIds[last] = null;
        size--;
        if (templateCountByPerson.merge(p, -1, Integer::sum) == 0) {
            templateCountByPerson.remove(p);
            personIndex.remove(persons.get(p));
            persons.set(p, null);
            freePersonSlots.add(p);
        }
    }

    private int newPersonSlot(UUID staffId) {
        if (!freePersonSlots.isEmpty()) {
            int p = freePersonSlots.remove(freePersonSlots.size() - 1);
            persons.set(p, staffId);
            return p;
        }
        persons.add(staffId);
        return persons.size() - 1;
    }

    private void ensureCapacity(int n) {
        if (n <= personOf.length) {
            return;
        }
        int cap = Math.max(n, personOf.length * 2);
        vectors = Arrays.copyOf(vectors, cap * DIMENSIONS);
        personOf = Arrays.copyOf(personOf, cap);
        templateIds = Arrays.copyOf(templateIds, cap);
    }
}
