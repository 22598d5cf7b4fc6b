-- Biometric consent: who agreed to which consent text, when, recorded by which operator.
-- Withdrawal deletes the row and every biometric template of the person (the audit trail keeps
-- the history).
CREATE TABLE biometric_consent (
    staff_id     uuid PRIMARY KEY REFERENCES staff_member (id),
    text_version varchar(32)  NOT NULL,
    recorded_at  timestamp with time zone NOT NULL,
    recorded_by  varchar(100) NOT NULL
);
