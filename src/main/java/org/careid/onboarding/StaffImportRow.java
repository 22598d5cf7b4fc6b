package org.careid.onboarding;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One CSV row's outcome in an import's report. */
@Entity
@Table(name = "staff_import_row")
public class StaffImportRow extends PanacheEntityBase {
    /** What became of the staff member. */
    public enum StaffOutcome { CREATED, UPDATED, UNCHANGED, REFUSED }

    /** What became of the badge photo. */
    public enum PhotoOutcome { ENROLLED, ALREADY_ENROLLED, NO_PHOTO, NO_CONSENT, REFUSED, NOT_TRIED }

    @Id
    public UUID id;
    @Column(name = "job_id")
    public UUID jobId;
    @Column(name = "line_no")
    public int line;
    @Column(name = "employee_id")
    public String employeeId;
    @Column(name = "staff_id")
    public UUID staffId;
    @Enumerated(EnumType.STRING)
    @Column(name = "staff_outcome")
    public StaffOutcome staffOutcome;
    @Enumerated(EnumType.STRING)
    @Column(name = "photo_outcome")
    public PhotoOutcome photoOutcome;
    public String reason;

    boolean refused() {
        return staffOutcome == StaffOutcome.REFUSED || photoOutcome == PhotoOutcome.REFUSED;
    }
}
