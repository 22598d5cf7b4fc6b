-- Token service: signing keys (private halves encrypted at rest), revocation and one-time use.

CREATE TABLE signing_key (
    kid           varchar(64)   PRIMARY KEY,
    private_key   bytea         NOT NULL,  -- PKCS#8, AES-256-GCM sealed under the master key
    public_jwk    varchar(1000) NOT NULL,
    created_at    timestamp with time zone NOT NULL,
    retired_at    timestamp with time zone,  -- stopped signing
    publish_until timestamp with time zone   -- leaves the JWKS once every token it signed expired
);

-- Single revoked tokens, kept until they would have expired anyway.
CREATE TABLE revoked_token (
    jti        varchar(64) PRIMARY KEY,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone NOT NULL
);
CREATE INDEX revoked_token_expiry_idx ON revoked_token (expires_at);

-- "Every token of this staff member / device issued before this instant is revoked."
CREATE TABLE revocation_cutoff (
    subject_key  varchar(80) PRIMARY KEY,   -- 'staff:<uuid>' or 'device:<uuid>'
    revoked_before timestamp with time zone NOT NULL,
    expires_at   timestamp with time zone NOT NULL
);

-- jti values that may be used once: one-time unlock tokens and DPoP proofs.
CREATE TABLE consumed_jti (
    jti        varchar(200) PRIMARY KEY,
    expires_at timestamp with time zone NOT NULL
);
CREATE INDEX consumed_jti_expiry_idx ON consumed_jti (expires_at);
