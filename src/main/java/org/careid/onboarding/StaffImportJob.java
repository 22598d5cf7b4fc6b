package org.careid.onboarding;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A staff import: its state and counters, updated as its rows are done. */
@Entity
@Table(name = "staff_import_job")
public class StaffImportJob extends PanacheEntityBase {
    public enum State { QUEUED, RUNNING, DONE, FAILED, INTERRUPTED }

    @Id
    public UUID id;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Moves with every batch of rows: a running job not updated for a while was cut off (restart). */
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "csv_sha256")
    public String csvSha256;
    @Column(name = "zip_sha256")
    public String zipSha256;
    @Column(name = "rows_total")
    public int rowsTotal;
    @Column(name = "rows_done")
    public int rowsDone;
    @Column(name = "rows_created")
    public int rowsCreated;
    @Column(name = "rows_updated")
    public int rowsUpdated;
    @Column(name = "rows_unchanged")
    public int rowsUnchanged;
    @Column(name = "rows_refused")
    public int rowsRefused;
    @Column(name = "photos_total")
    public int photosTotal;
    @Column(name = "photos_enrolled")
    public int photosEnrolled;
    @Column(name = "photos_unmatched")
    public int photosUnmatched;
    public String failure;

    boolean open() {
        return state == State.QUEUED || state == State.RUNNING;
    }
}
