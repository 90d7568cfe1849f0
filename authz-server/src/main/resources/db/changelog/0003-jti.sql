--liquibase formatted sql

--changeset openauthz:0003-jti-blacklist
--comment: jti of client assertions (private_key_jwt) until they expire, against replay (RFC 7523 section 3).
CREATE TABLE hydra_oauth2_jti_blacklist (
    signature  varchar(64) PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
CREATE INDEX hydra_oauth2_jti_blacklist_expires_at_idx ON hydra_oauth2_jti_blacklist (expires_at);
--rollback DROP TABLE hydra_oauth2_jti_blacklist;
