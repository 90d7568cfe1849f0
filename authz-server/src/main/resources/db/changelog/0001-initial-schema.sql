--liquibase formatted sql

--changeset openauthz:0001-clients
--comment: OAuth 2.0 clients. The metadata is one JSON document; only the columns used for lookups and filters are
--comment: broken out. secret_hash is PBKDF2 (never the secret itself), null for public clients.
CREATE TABLE hydra_client (
    id          varchar(255) PRIMARY KEY,
    client_name text         NOT NULL DEFAULT '',
    owner       text         NOT NULL DEFAULT '',
    secret_hash text,
    data        jsonb        NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
CREATE INDEX hydra_client_owner_idx ON hydra_client (owner);
CREATE INDEX hydra_client_name_idx ON hydra_client (client_name);
--rollback DROP TABLE hydra_client;

--changeset openauthz:0001-jwk
--comment: JSON Web Keys, each AES-256-GCM sealed with the system secret (private and public parts alike).
CREATE TABLE hydra_jwk (
    sid        varchar(255) NOT NULL,
    kid        varchar(255) NOT NULL,
    created_at timestamptz  NOT NULL,
    keydata    text         NOT NULL,
    PRIMARY KEY (sid, kid)
);
--rollback DROP TABLE hydra_jwk;

--changeset openauthz:0001-tokens
--comment: Issued tokens keyed by their HMAC signature; the tokens themselves are never stored. request_id groups the
--comment: tokens of one grant so that revocation reaches all of them (RFC 7009 section 2.1).
CREATE TABLE hydra_oauth2_access (
    signature          varchar(255) PRIMARY KEY,
    request_id         varchar(64)  NOT NULL,
    client_id          varchar(255) NOT NULL REFERENCES hydra_client (id) ON DELETE CASCADE,
    subject            varchar(255) NOT NULL,
    requested_at       timestamptz  NOT NULL,
    expires_at         timestamptz,
    granted_scope      text         NOT NULL,
    requested_scope    text         NOT NULL,
    granted_audience   text         NOT NULL,
    requested_audience text         NOT NULL,
    active             boolean      NOT NULL DEFAULT true,
    session_data       text         NOT NULL,
    challenge_id       varchar(64)
);
CREATE INDEX hydra_oauth2_access_request_id_idx ON hydra_oauth2_access (request_id);
CREATE INDEX hydra_oauth2_access_client_id_idx ON hydra_oauth2_access (client_id);
CREATE INDEX hydra_oauth2_access_expires_at_idx ON hydra_oauth2_access (expires_at);
CREATE TABLE hydra_oauth2_refresh (LIKE hydra_oauth2_access INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE hydra_oauth2_refresh ADD PRIMARY KEY (signature);
ALTER TABLE hydra_oauth2_refresh ADD FOREIGN KEY (client_id) REFERENCES hydra_client (id) ON DELETE CASCADE;
CREATE INDEX hydra_oauth2_refresh_request_id_idx ON hydra_oauth2_refresh (request_id);
CREATE INDEX hydra_oauth2_refresh_client_id_idx ON hydra_oauth2_refresh (client_id);
CREATE INDEX hydra_oauth2_refresh_expires_at_idx ON hydra_oauth2_refresh (expires_at);
CREATE TABLE hydra_oauth2_code (LIKE hydra_oauth2_access INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE hydra_oauth2_code ADD PRIMARY KEY (signature);
ALTER TABLE hydra_oauth2_code ADD FOREIGN KEY (client_id) REFERENCES hydra_client (id) ON DELETE CASCADE;
CREATE INDEX hydra_oauth2_code_request_id_idx ON hydra_oauth2_code (request_id);
CREATE INDEX hydra_oauth2_code_expires_at_idx ON hydra_oauth2_code (expires_at);
--rollback DROP TABLE hydra_oauth2_code; DROP TABLE hydra_oauth2_refresh; DROP TABLE hydra_oauth2_access;
