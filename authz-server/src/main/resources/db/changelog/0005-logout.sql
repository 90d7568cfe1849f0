--liquibase formatted sql

--changeset openauthz:0005-logout-requests
--comment: Logout requests of the end-session endpoint, with Hydra v1.10's columns; requested_at is ours (expiry and
--comment: housekeeping). accepted, rejected and was_used only ever change from false to true, by conditional updates.
CREATE TABLE hydra_oauth2_logout_request (
    challenge    varchar(36)  PRIMARY KEY,
    verifier     varchar(36)  NOT NULL UNIQUE,
    subject      varchar(255) NOT NULL,
    sid          varchar(64)  NOT NULL DEFAULT '',
    client_id    varchar(255) REFERENCES hydra_client (id) ON DELETE CASCADE,
    request_url  text         NOT NULL,
    redir_url    text         NOT NULL,
    was_used     boolean      NOT NULL DEFAULT false,
    accepted     boolean      NOT NULL DEFAULT false,
    rejected     boolean      NOT NULL DEFAULT false,
    rp_initiated boolean      NOT NULL DEFAULT false,
    requested_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX hydra_oauth2_logout_request_client_id_idx ON hydra_oauth2_logout_request (client_id);
CREATE INDEX hydra_oauth2_logout_request_requested_at_idx ON hydra_oauth2_logout_request (requested_at);
--rollback DROP TABLE hydra_oauth2_logout_request;
