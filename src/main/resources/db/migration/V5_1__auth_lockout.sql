-- Lockout counters for authentication at devices, per staff member and per device, shared by
-- every replica.
CREATE TABLE auth_lockout (
    subject_key          varchar(80) PRIMARY KEY,   -- 'staff:<uuid>' or 'device:<uuid>'
    consecutive_failures integer     NOT NULL,
    locked_until         timestamp with time zone,
    expiry_audited       boolean     NOT NULL,
    version              bigint      NOT NULL
);
CREATE INDEX auth_lockout_until_idx ON auth_lockout (locked_until);
