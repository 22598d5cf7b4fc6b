package org.careid.biometric;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One modality's in-memory gallery as {@link GalleryLifecycle} keeps it: a person's templates are
 * swapped in and out as a whole, so a matcher running at the same moment sees the old templates or
 * the new ones, never the person half-loaded or missing. Matching (1:1, 1:N, thresholds) is the
 * modality's own and not part of this contract.
 *
 * @param <T> one enrolled template as the gallery holds it
 */
public interface Gallery<T> {

    /** Replaces the whole content with these templates, by staff id (the start-up load). */
    void replaceAll(Map<UUID, List<T>> templatesByStaff);

    /** Replaces every template of one staff member in one step; an empty list takes them out. */
    void replaceStaff(UUID staffId, List<T> templates);

    int templateCount();

    /** Distinct staff members with at least one template. */
    int personCount();

    boolean contains(UUID staffId);
}
