-- Threat alerts (org.careid.threat): one row per open incident per detector and subject;
-- repeated detections increase occurrences and last_seen instead of adding rows.
CREATE TABLE threat_alert (
    id UUID NOT NULL PRIMARY KEY,
    severity VARCHAR(16) NOT NULL,
    detector VARCHAR(64) NOT NULL,
    subject_type VARCHAR(16) NOT NULL,
    subject_id VARCHAR(128) NOT NULL,
    evidence VARCHAR(1000) NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    occurrences INTEGER NOT NULL,
    status VARCHAR(16) NOT NULL,
    acknowledged_by VARCHAR(128),
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    resolved_by VARCHAR(128),
    resolved_at TIMESTAMP WITH TIME ZONE,
    resolution_note VARCHAR(1000),
    version BIGINT NOT NULL
);
CREATE INDEX threat_alert_subject_idx ON threat_alert (detector, subject_type, subject_id, status);
CREATE INDEX threat_alert_status_idx ON threat_alert (status, last_seen);

-- Automatic responses applied for an alert, so that an ADMIN can see and reverse them.
CREATE TABLE threat_alert_response (
    id UUID NOT NULL PRIMARY KEY,
    alert_id UUID NOT NULL REFERENCES threat_alert (id),
    action VARCHAR(32) NOT NULL,
    target_type VARCHAR(16) NOT NULL,
    target_id UUID NOT NULL,
    applied_at TIMESTAMP WITH TIME ZONE NOT NULL,
    until_time TIMESTAMP WITH TIME ZONE,
    outcome VARCHAR(32) NOT NULL,
    reversed_by VARCHAR(128),
    reversed_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX threat_alert_response_alert_idx ON threat_alert_response (alert_id);
