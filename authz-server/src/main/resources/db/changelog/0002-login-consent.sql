--liquibase formatted sql

--changeset openauthz:0002-flows
--comment: Login-and-consent flows (login request, consent request and their outcomes) as one JSON document; the
--comment: broken-out columns serve lookups and the conditional state updates that make verifiers single-use.
CREATE TABLE hydra_oauth2_flow (
    login_challenge   varchar(64)  PRIMARY KEY,
    login_verifier    varchar(64)  NOT NULL UNIQUE,
    consent_challenge varchar(64)  UNIQUE,
    consent_verifier  varchar(64)  UNIQUE,
    state             varchar(32)  NOT NULL,
    client_id         varchar(255) NOT NULL REFERENCES hydra_client (id) ON DELETE CASCADE,
    subject           varchar(255) NOT NULL DEFAULT '',
    requested_at      timestamptz  NOT NULL,
    consent_remembered boolean     NOT NULL DEFAULT false,
    consent_listed     boolean     NOT NULL DEFAULT false,
    consent_handled_at timestamptz,
    data              jsonb        NOT NULL
);
CREATE INDEX hydra_oauth2_flow_subject_client_idx ON hydra_oauth2_flow (subject, client_id);
CREATE INDEX hydra_oauth2_flow_requested_at_idx ON hydra_oauth2_flow (requested_at);
--rollback DROP TABLE hydra_oauth2_flow;

--changeset openauthz:0002-login-sessions
--comment: Browser authentication sessions (the sid of the session cookie and of ID tokens).
CREATE TABLE hydra_oauth2_authentication_session (
    id               varchar(64)  PRIMARY KEY,
    subject          varchar(255) NOT NULL DEFAULT '',
    authenticated_at timestamptz,
    remember         boolean      NOT NULL DEFAULT false
);
CREATE INDEX hydra_oauth2_authentication_session_subject_idx ON hydra_oauth2_authentication_session (subject);
--rollback DROP TABLE hydra_oauth2_authentication_session;

--changeset openauthz:0002-token-challenge-index
CREATE INDEX hydra_oauth2_access_challenge_idx ON hydra_oauth2_access (challenge_id);
CREATE INDEX hydra_oauth2_refresh_challenge_idx ON hydra_oauth2_refresh (challenge_id);
CREATE INDEX hydra_oauth2_code_challenge_idx ON hydra_oauth2_code (challenge_id);
--rollback DROP INDEX hydra_oauth2_access_challenge_idx; DROP INDEX hydra_oauth2_refresh_challenge_idx; DROP INDEX hydra_oauth2_code_challenge_idx;
