-- Which scopes need how many factors at which device types. '*' matches any device type.
-- The most specific row wins: (scope, type), then (scope, '*'); scopes without a row need one
-- biometric factor.
CREATE TABLE auth_policy (
    id               uuid PRIMARY KEY,
    scope            varchar(64) NOT NULL,
    device_type      varchar(32) NOT NULL,
    required_factors integer     NOT NULL,
    CONSTRAINT auth_policy_rule UNIQUE (scope, device_type),
    CONSTRAINT auth_policy_factors CHECK (required_factors BETWEEN 1 AND 2)
);
INSERT INTO auth_policy (id, scope, device_type, required_factors) VALUES
    ('00000000-0000-0000-0000-0000000000a1', 'medication:dispense', '*', 2),
    ('00000000-0000-0000-0000-0000000000a2', 'infusion:override', '*', 2),
    ('00000000-0000-0000-0000-0000000000a3', 'patient/*.write', '*', 2),
    ('00000000-0000-0000-0000-0000000000a4', 'patient/*.read', 'workstation', 1),
    ('00000000-0000-0000-0000-0000000000a5', 'device:unlock', '*', 1);
