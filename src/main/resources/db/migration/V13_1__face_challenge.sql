-- Scopes where a face counts alone only after the active head-turn challenge (docs/PAD.md).
ALTER TABLE auth_policy ADD COLUMN face_challenge boolean NOT NULL DEFAULT false;
UPDATE auth_policy SET face_challenge = true
 WHERE device_type = '*' AND scope IN ('medication:dispense', 'infusion:override', 'device:unlock');

-- Single-use challenges issued to devices: the instruction the burst must follow and its deadline.
CREATE TABLE face_challenge (
    nonce        varchar(64)  PRIMARY KEY,
    device_id    uuid         NOT NULL,
    instruction  varchar(64)  NOT NULL,
    issued_at    timestamp with time zone  NOT NULL,
    expires_at   timestamp with time zone  NOT NULL,
    used_at      timestamp with time zone
);
CREATE INDEX face_challenge_expires ON face_challenge (expires_at);
