-- Signed audit checkpoints (ES256 JWS over sequence, head hash, entry count, time and the previous
-- checkpoint), one per head at most: the primary key lets only one replica store a given head.
CREATE TABLE audit_checkpoint (
    seq        bigint PRIMARY KEY,
    head_hash  varchar(64)   NOT NULL,
    created_at timestamp with time zone NOT NULL,
    kid        varchar(64)   NOT NULL,
    jws        varchar(2000) NOT NULL
);

-- The keys that sign checkpoints (private halves sealed under the master key). Retired keys stay
-- published for as long as the checkpoints they signed must verify, i.e. for good.
CREATE TABLE audit_signing_key (
    kid         varchar(64)   PRIMARY KEY,
    private_key bytea         NOT NULL,
    public_jwk  varchar(1000) NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    retired_at  timestamp with time zone
);
