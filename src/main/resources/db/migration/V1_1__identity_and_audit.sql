-- Foundation schema: the identity registry and the hash-chained audit trail.
-- Portable between H2 2.x and PostgreSQL 15 (uuid, varchar, boolean, bytea, timestamp with time zone).

CREATE TABLE operator_account (
    id                  uuid PRIMARY KEY,
    username            varchar(64)  NOT NULL UNIQUE,
    password_hash       varchar(200) NOT NULL,
    role                varchar(16)  NOT NULL,
    active              boolean      NOT NULL,
    must_change_password boolean     NOT NULL,
    failed_attempts     integer      NOT NULL,
    locked_until        timestamp with time zone,
    created_at          timestamp with time zone NOT NULL,
    last_login_at       timestamp with time zone,
    version             bigint       NOT NULL
);

CREATE TABLE staff_member (
    id              uuid PRIMARY KEY,
    employee_id     varchar(64)   NOT NULL UNIQUE,
    display_name    varchar(200)  NOT NULL,
    clinical_role   varchar(32)   NOT NULL,
    ward            varchar(64)   NOT NULL,
    active          boolean       NOT NULL,
    scopes          varchar(1000) NOT NULL,
    pin_hash        varchar(200),
    created_at      timestamp with time zone NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    version         bigint        NOT NULL
);
CREATE INDEX staff_member_name_idx ON staff_member (display_name);

CREATE TABLE device (
    id                      uuid PRIMARY KEY,
    name                    varchar(200) NOT NULL,
    device_type             varchar(32)  NOT NULL,
    ward                    varchar(64)  NOT NULL,
    status                  varchar(16)  NOT NULL,
    public_jwk              varchar(1000),
    jwk_thumbprint          varchar(64) UNIQUE,
    software_version        varchar(32),
    last_seen_at            timestamp with time zone,
    provisioning_code_hash  varchar(200),
    provisioning_expires_at timestamp with time zone,
    created_at              timestamp with time zone NOT NULL,
    version                 bigint       NOT NULL
);

-- Patch management: the lowest software version a device type may run and still get tokens.
CREATE TABLE device_type_policy (
    device_type          varchar(32) PRIMARY KEY,
    min_software_version varchar(32) NOT NULL
);

-- Resource servers (EHR gateways, cabinet controllers) that call introspection with their own key.
CREATE TABLE resource_server (
    id             uuid PRIMARY KEY,
    name           varchar(200)  NOT NULL,
    public_jwk     varchar(1000) NOT NULL,
    jwk_thumbprint varchar(64)   NOT NULL UNIQUE,
    active         boolean       NOT NULL,
    created_at     timestamp with time zone NOT NULL,
    version        bigint        NOT NULL
);

-- Client-assertion jti values seen, kept until they expire, so a replay is refused on any replica.
CREATE TABLE used_assertion (
    jti        varchar(200) PRIMARY KEY,
    expires_at timestamp with time zone NOT NULL
);
CREATE INDEX used_assertion_expiry_idx ON used_assertion (expires_at);

CREATE TABLE audit_entry (
    seq            bigint PRIMARY KEY,
    occurred_at    timestamp with time zone NOT NULL,
    actor_type     varchar(32)   NOT NULL,
    actor_id       varchar(100),
    action         varchar(64)   NOT NULL,
    target_type    varchar(32),
    target_id      varchar(100),
    outcome        varchar(16)   NOT NULL,
    source_address varchar(64),
    detail         varchar(4000) NOT NULL,
    prev_hash      varchar(64)   NOT NULL UNIQUE,
    hash           varchar(64)   NOT NULL
);
CREATE INDEX audit_entry_time_idx ON audit_entry (occurred_at);
CREATE INDEX audit_entry_action_idx ON audit_entry (action);

-- The chain's head: one row, locked by every append so concurrent writers (threads or replicas)
-- extend one chain and never fork it.
CREATE TABLE audit_head (
    id        integer PRIMARY KEY,
    last_seq  bigint      NOT NULL,
    last_hash varchar(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
