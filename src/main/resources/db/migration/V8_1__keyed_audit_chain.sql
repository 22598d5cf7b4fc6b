-- Keyed audit chain: every entry written from now on also carries an HMAC-SHA-256 link under a
-- key derived from the master key (never stored here). Entries written before stay SHA-256 only
-- (mac NULL) and are covered by the signed checkpoint made when the chain is first keyed.
ALTER TABLE audit_entry ADD COLUMN mac varchar(64);

-- The head also records where the keyed chain starts, the newest checkpoint, and a MAC over all
-- of it, so the head cannot be wound back to hide a cut tail without the key.
ALTER TABLE audit_head ADD COLUMN last_mac varchar(64);
ALTER TABLE audit_head ADD COLUMN keyed_from bigint;
ALTER TABLE audit_head ADD COLUMN last_checkpoint bigint DEFAULT 0 NOT NULL;
ALTER TABLE audit_head ADD COLUMN head_mac varchar(64);
