-- Sessions die with their account: every operator token and resource-server bearer carries the
-- account's session epoch at issue; raising the epoch (logout, deactivation, password or role
-- change) is the account's validity cut-off, read from the database on every request.
ALTER TABLE operator_account ADD COLUMN session_epoch integer DEFAULT 0 NOT NULL;
ALTER TABLE resource_server ADD COLUMN session_epoch integer DEFAULT 0 NOT NULL;

-- Staff PINs: a PIN an ADMIN reset is one-time (refused as a factor until its owner changes it at
-- a device); when it last changed (a PIN change then break-glass within a day raises an alert).
ALTER TABLE staff_member ADD COLUMN pin_one_time boolean DEFAULT FALSE NOT NULL;
ALTER TABLE staff_member ADD COLUMN pin_changed_at timestamp with time zone;

-- Leavers: deactivation schedules erasure of all biometrics at this time; reactivation clears it.
ALTER TABLE staff_member ADD COLUMN biometrics_erasure_due_at timestamp with time zone;
CREATE INDEX staff_member_erasure_due_idx ON staff_member (biometrics_erasure_due_at);
