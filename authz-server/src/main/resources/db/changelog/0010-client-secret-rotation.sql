--liquibase formatted sql

--changeset openauthz:0010-client-previous-secret
--comment: Client-secret rotation with overlap (decision 0021): the hash of the secret a rotation replaced and until
--comment: when it still authenticates the client. Both NULL when there is no previous secret.
ALTER TABLE hydra_client ADD COLUMN previous_secret_hash text;
ALTER TABLE hydra_client ADD COLUMN previous_secret_expires_at timestamptz;
--rollback ALTER TABLE hydra_client DROP COLUMN previous_secret_expires_at;
--rollback ALTER TABLE hydra_client DROP COLUMN previous_secret_hash;
