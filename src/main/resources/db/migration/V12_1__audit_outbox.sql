-- Audit outbox: an event is written here in the same transaction as the state change it describes
-- (or on its own when there is none), so it is durable when the change is acknowledged. The audit
-- writer then links it onto the chain and deletes it, both in one transaction under the head lock;
-- rows left by a crash or an outage are linked at the next start or sweep.
CREATE TABLE audit_outbox (
    id             varchar(36)   PRIMARY KEY,
    occurred_at    timestamp with time zone NOT NULL,
    actor_type     varchar(32)   NOT NULL,
    actor_id       varchar(100),
    action         varchar(64)   NOT NULL,
    target_type    varchar(32),
    target_id      varchar(100),
    outcome        varchar(16)   NOT NULL,
    source_address varchar(64),
    detail         varchar(4000) NOT NULL
);
CREATE INDEX audit_outbox_time_idx ON audit_outbox (occurred_at);
