--liquibase formatted sql

--changeset openauthz:0007-client-registration-token
--comment: Self-registered clients (RFC 7591/7592) carry the SHA-256 of their current registration access token, never
--comment: the token itself; null for clients the administrator manages.
ALTER TABLE hydra_client ADD COLUMN registration_access_token_hash text;
--rollback ALTER TABLE hydra_client DROP COLUMN registration_access_token_hash;

--changeset openauthz:0007-initial-access-tokens
--comment: Initial access tokens for closed registration (RFC 7591 section 3), issued on the admin API: only the SHA-256
--comment: of each token is stored. A single-use token is deleted by the registration that uses it.
CREATE TABLE hydra_oauth2_initial_access_token (
    signature  varchar(64) PRIMARY KEY,
    single_use boolean     NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX hydra_oauth2_initial_access_token_expires_at_idx ON hydra_oauth2_initial_access_token (expires_at);
--rollback DROP TABLE hydra_oauth2_initial_access_token;
