-- Emergency accesses counted by the break-glass rate limit: one row per granted use, shared by all
-- replicas (an in-memory count per replica would multiply the limit by the number of replicas).
CREATE TABLE break_glass_use (
    id UUID NOT NULL PRIMARY KEY,
    staff_id UUID NOT NULL,
    device_id UUID NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX break_glass_use_staff_idx ON break_glass_use (staff_id, used_at);
CREATE INDEX break_glass_use_device_idx ON break_glass_use (device_id, used_at);
