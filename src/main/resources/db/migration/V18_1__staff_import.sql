-- Bulk onboarding (org.careid.onboarding): one row per import job, one per CSV row of its report.
-- The uploaded files are kept in memory only while the job runs; the report keeps no photo.
CREATE TABLE staff_import_job (
    id               uuid         PRIMARY KEY,
    state            varchar(16)  NOT NULL,
    created_by       varchar(100) NOT NULL,
    created_at       timestamp with time zone NOT NULL,
    updated_at       timestamp with time zone NOT NULL,
    finished_at      timestamp with time zone,
    csv_sha256       varchar(64)  NOT NULL,
    zip_sha256       varchar(64),
    rows_total       integer      NOT NULL,
    rows_done        integer      NOT NULL,
    rows_created     integer      NOT NULL,
    rows_updated     integer      NOT NULL,
    rows_unchanged   integer      NOT NULL,
    rows_refused     integer      NOT NULL,
    photos_total     integer      NOT NULL,
    photos_enrolled  integer      NOT NULL,
    photos_unmatched integer      NOT NULL,
    failure          varchar(500)
);
CREATE INDEX staff_import_job_state ON staff_import_job (state, updated_at);

CREATE TABLE staff_import_row (
    id            uuid         PRIMARY KEY,
    job_id        uuid         NOT NULL REFERENCES staff_import_job (id),
    line_no       integer      NOT NULL,
    employee_id   varchar(64),
    staff_id      uuid,
    staff_outcome varchar(16)  NOT NULL,
    photo_outcome varchar(24)  NOT NULL,
    reason        varchar(1000)
);
CREATE INDEX staff_import_row_job ON staff_import_row (job_id, line_no);

-- Where a consent was recorded: null at the kiosk (an operator in front of the person), 'import <job id>'
-- for a consent HR collected and an import carried.
ALTER TABLE biometric_consent ADD COLUMN source varchar(100);
