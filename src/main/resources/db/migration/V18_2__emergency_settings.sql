-- Emergency (break-glass) settings an ADMIN edits (PUT /api/v1/auth/policies/emergency): one row, id 1.
-- While the row is absent the configuration applies (careid.breakglass.*, careid.threat.break-glass.*),
-- and deleting it returns to the configuration. Every replica reads the row per emergency request.
CREATE TABLE emergency_settings (
    id INTEGER NOT NULL PRIMARY KEY,
    scope VARCHAR(1000) NOT NULL,
    lifetime_seconds INTEGER NOT NULL,
    disabled_device_types VARCHAR(1000) NOT NULL,
    per_staff INTEGER NOT NULL,
    per_device INTEGER NOT NULL,
    window_hours INTEGER NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by VARCHAR(100)
);
