-- Head-turn challenges for enrollment at the kiosk besides authentication at a device (docs/PAD.md):
-- the purpose a nonce was issued for and, for enrollment, the staff member it enrolls. device_id holds
-- the principal the challenge was issued to: the device (authentication) or the operator (enrollment).
ALTER TABLE face_challenge ADD COLUMN purpose varchar(16) DEFAULT 'AUTHENTICATION' NOT NULL;
ALTER TABLE face_challenge ADD COLUMN staff_id uuid;
