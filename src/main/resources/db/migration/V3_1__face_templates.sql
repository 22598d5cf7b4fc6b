-- Enrolled face templates: the 128-d MobileFaceNet embedding of one sample, sealed with
-- AES-256-GCM, with the model that made it. Photos are kept (sealed) only when
-- careid.face.keep-photos is on, for re-enrollment after a model change.
CREATE TABLE face_template (
    id            uuid PRIMARY KEY,
    staff_id      uuid         NOT NULL REFERENCES staff_member (id),
    model_id      varchar(64)  NOT NULL,
    model_version varchar(64)  NOT NULL,
    quality       double precision NOT NULL,
    sealed_embedding bytea     NOT NULL,
    sealed_photo  bytea,
    created_at    timestamp with time zone NOT NULL,
    created_by    varchar(100) NOT NULL
);
CREATE INDEX face_template_staff_idx ON face_template (staff_id);
