-- Enrolled fingerprint templates, one row per impression, sealed with AES-256-GCM. The SourceAFIS
-- version is recorded because its templates do not carry across versions; the raw impression is
-- kept (sealed too) only when careid.fingerprint.keep-raw-images is on, for re-extraction.
CREATE TABLE fingerprint_template (
    id                 uuid PRIMARY KEY,
    staff_id           uuid         NOT NULL REFERENCES staff_member (id),
    finger             integer      NOT NULL,
    dpi                integer      NOT NULL,
    sourceafis_version varchar(32)  NOT NULL,
    sealed_template    bytea        NOT NULL,
    sealed_raw_image   bytea,
    minutiae           integer      NOT NULL,
    created_at         timestamp with time zone NOT NULL,
    created_by         varchar(100) NOT NULL,
    CONSTRAINT fingerprint_finger CHECK (finger BETWEEN 1 AND 10)
);
CREATE INDEX fingerprint_template_staff_idx ON fingerprint_template (staff_id);
