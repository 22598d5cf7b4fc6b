-- Emergency (break-glass) access review items: every use must be closed by an ADMIN.
CREATE TABLE break_glass_review (
    id UUID NOT NULL PRIMARY KEY,
    staff_id UUID NOT NULL,
    device_id UUID NOT NULL,
    reason_code VARCHAR(32) NOT NULL,
    reason_text VARCHAR(500),
    token_jti VARCHAR(128),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status VARCHAR(16) NOT NULL,
    reviewer VARCHAR(128),
    reviewed_at TIMESTAMP WITH TIME ZONE,
    review_note VARCHAR(1000),
    version BIGINT NOT NULL
);
CREATE INDEX break_glass_review_status_idx ON break_glass_review (status, created_at);
CREATE INDEX break_glass_review_staff_idx ON break_glass_review (staff_id, created_at);
