--liquibase formatted sql

--changeset openauthz:0007-client-registration-token
--comment: Self-registered clients (RFC 7591/7592) carry the SHA-256 of their current registration access token, never
--comment: the token itself; null for clients the administrator manages.
ALTER TABLE hydra_client ADD COLUMN registration_access_token_hash text;
--rollback ALTER TABLE hydra_client DROP COLUMN registration_access_token_hash;
