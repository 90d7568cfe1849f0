--liquibase formatted sql

--changeset openauthz:0009-key-use-from
--comment: The moment from which a key may sign (decision 0021): a rotated-in key is published in JWKS ahead of its
--comment: use. NULL (every key before this change, and keys imported as they are) means from created_at.
ALTER TABLE hydra_jwk ADD COLUMN use_from timestamptz;
--rollback ALTER TABLE hydra_jwk DROP COLUMN use_from;
