-- The authentication flow asks on every one-factor attempt whether a step-up response is in force
-- for the person (StepUpRequirements): look responses up by target, not by scanning the table.
CREATE INDEX threat_alert_response_target_idx ON threat_alert_response (target_id, action, outcome);
