-- Successful authentications kept for training the behaviour models (no scores, no biometrics).
CREATE TABLE threat_event_history (
    id UUID NOT NULL PRIMARY KEY,
    event_time TIMESTAMP WITH TIME ZONE NOT NULL,
    staff_id UUID NOT NULL,
    device_id UUID,
    device_ward VARCHAR(64),
    device_type VARCHAR(64),
    modality VARCHAR(64),
    scopes VARCHAR(1000) NOT NULL
);
CREATE INDEX threat_event_history_time_idx ON threat_event_history (event_time);
