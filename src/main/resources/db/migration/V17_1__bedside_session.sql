-- bedside_session: a device's presence-checked session for one access token; ending it revokes the token.
CREATE TABLE bedside_session (
    id                uuid         PRIMARY KEY,
    token_jti         varchar(64)  NOT NULL UNIQUE,
    token_expires_at  timestamp with time zone NOT NULL,
    staff_id          uuid         NOT NULL,
    device_id         uuid         NOT NULL,
    started_at        timestamp with time zone NOT NULL,
    last_heartbeat_at timestamp with time zone NOT NULL,
    absent_since      timestamp with time zone,
    ended_at          timestamp with time zone,
    end_reason        varchar(20)
);
CREATE INDEX bedside_session_open ON bedside_session (ended_at, last_heartbeat_at);
