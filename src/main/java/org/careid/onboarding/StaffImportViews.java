package org.careid.onboarding;

import java.time.Instant;
import java.util.UUID;

/** What the import API answers. */
public final class StaffImportViews {
    private StaffImportViews() {}

    /**
     * A job's progress: {@code rowsDone} of {@code rowsTotal}; staff {@code created}, {@code updated},
     * {@code unchanged}; {@code refused} rows (the row, or its photo); photos in the ZIP, {@code enrolled}
     * and {@code unmatchedPhotos} (files naming no row).
     */
    public record JobView(UUID id, String state, int rowsTotal, int rowsDone, int created, int updated, int unchanged,
                          int refused, int photos, int enrolled, int unmatchedPhotos, Instant createdAt, Instant updatedAt,
                          Instant finishedAt, String failure, String report) {
        static JobView of(StaffImportJob j) {
            return new JobView(j.id, j.state.name(), j.rowsTotal, j.rowsDone, j.rowsCreated, j.rowsUpdated, j.rowsUnchanged,
                    j.rowsRefused, j.photosTotal, j.photosEnrolled, j.photosUnmatched, j.createdAt, j.updatedAt, j.finishedAt,
                    j.failure, "/api/v1/staff/import/" + j.id + "/report");
        }
    }
}
