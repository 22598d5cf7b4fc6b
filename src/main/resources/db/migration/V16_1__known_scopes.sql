-- The scopes that may be granted to staff: a server-side list, extended by an ADMIN. A scope not in
-- this list is refused when granted, so a typing error cannot create a permission nobody checks.
CREATE TABLE known_scope (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  UUID
);
INSERT INTO known_scope (name, description, created_at) VALUES
    ('patient/*.read', 'Read patient records', CURRENT_TIMESTAMP),
    ('patient/*.write', 'Write patient records', CURRENT_TIMESTAMP),
    ('device:unlock', 'Unlock a workstation or bedside device', CURRENT_TIMESTAMP),
    ('medication:dispense', 'Dispense medication from a cabinet', CURRENT_TIMESTAMP),
    ('medication.administer', 'Record the administration of medication', CURRENT_TIMESTAMP),
    ('medication.dispense', 'Dispense medication (pharmacy system)', CURRENT_TIMESTAMP),
    ('medication/*.administer', 'Administer medication (FHIR-style scope)', CURRENT_TIMESTAMP),
    ('infusion:override', 'Override infusion pump limits', CURRENT_TIMESTAMP),
    ('orders.write', 'Write clinical orders', CURRENT_TIMESTAMP),
    ('vitals.write', 'Record vital signs', CURRENT_TIMESTAMP),
    ('records.export', 'Export patient records', CURRENT_TIMESTAMP);
