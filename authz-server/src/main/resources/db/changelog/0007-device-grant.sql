--liquibase formatted sql

--changeset openauthz:0007-device-grant
--comment: device authorization requests (RFC 8628) by the HMAC signatures of their codes, and wrong user codes typed, counted per device challenge and per source (RFC 8628 section 5.1).
CREATE TABLE hydra_oauth2_device_request (
    device_code_signature varchar(64) PRIMARY KEY,
    user_code_signature   varchar(64) NOT NULL UNIQUE,
    verifier_signature    varchar(64) UNIQUE,
    code_signature        varchar(64),
    client_id             varchar(255) NOT NULL,
    requested_scope       text NOT NULL,
    requested_audience    text NOT NULL,
    requested_at          timestamptz NOT NULL,
    expires_at            timestamptz NOT NULL,
    poll_interval         integer NOT NULL,
    last_polled_at        timestamptz,
    state                 varchar(16) NOT NULL
);
CREATE INDEX hydra_oauth2_device_request_expires_at_idx ON hydra_oauth2_device_request (expires_at);
CREATE TABLE hydra_oauth2_device_failure (
    challenge_key varchar(64) NOT NULL,
    source_key    varchar(64) NOT NULL,
    failed_at     timestamptz NOT NULL
);
CREATE INDEX hydra_oauth2_device_failure_challenge_idx ON hydra_oauth2_device_failure (challenge_key);
CREATE INDEX hydra_oauth2_device_failure_source_idx ON hydra_oauth2_device_failure (source_key, failed_at);
--rollback DROP TABLE hydra_oauth2_device_failure; DROP TABLE hydra_oauth2_device_request;
