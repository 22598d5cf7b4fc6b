package org.careid.biometric;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The modality-specific part of the gallery lifecycle: which in-memory gallery, and how a person's
 * stored templates are read (unsealed, only those the current matcher can compare, only of active
 * staff) and deleted. Everything else (loading, readiness, erasure, staff status, change replay,
 * gauges) is {@link GalleryLifecycle}'s.
 *
 * @param <T> one enrolled template as the gallery holds it
 */
public interface GalleryModality<T> {

    /** The modality's label in metrics and health data, as in match outcomes: "face" or "fpt". */
    String modality();

    Gallery<T> gallery();

    /** The usable templates of every active staff member, by staff id; call inside a transaction. */
    Map<UUID, List<T>> activeTemplates();

    /** One staff member's usable templates, empty when they are inactive or have none; inside a transaction. */
    List<T> activeTemplates(UUID staffId);

    /** Deletes the staff member's stored templates of this modality; returns how many rows went. */
    long deleteTemplates(UUID staffId);
}
