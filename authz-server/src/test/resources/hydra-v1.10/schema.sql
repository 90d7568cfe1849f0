-- The tables of an Ory Hydra v1.10 database on PostgreSQL that `hydra migrate from-hydra` reads, written from the
-- description of Hydra's schema (PostgreSQL dialect): lists are '|'-joined text, timestamps are UTC without time zone,
-- JWKs and token sessions are AES-GCM-sealed text. Used as the source database of the migration tests.

CREATE TABLE hydra_client (
    pk                                   serial PRIMARY KEY,
    id                                   varchar(255) NOT NULL UNIQUE,
    client_name                          text NOT NULL DEFAULT '',
    client_secret                        text NOT NULL DEFAULT '',
    redirect_uris                        text NOT NULL DEFAULT '',
    grant_types                          text NOT NULL DEFAULT '',
    response_types                       text NOT NULL DEFAULT '',
    scope                                text NOT NULL DEFAULT '',
    owner                                text NOT NULL DEFAULT '',
    policy_uri                           text NOT NULL DEFAULT '',
    tos_uri                              text NOT NULL DEFAULT '',
    client_uri                           text NOT NULL DEFAULT '',
    logo_uri                             text NOT NULL DEFAULT '',
    contacts                             text NOT NULL DEFAULT '',
    client_secret_expires_at             integer NOT NULL DEFAULT 0,
    sector_identifier_uri                text NOT NULL DEFAULT '',
    jwks                                 text NOT NULL DEFAULT '',
    jwks_uri                             text NOT NULL DEFAULT '',
    request_uris                         text NOT NULL DEFAULT '',
    token_endpoint_auth_method           varchar(25) NOT NULL DEFAULT '',
    token_endpoint_auth_signing_alg      varchar(10) NOT NULL DEFAULT '',
    request_object_signing_alg           varchar(10) NOT NULL DEFAULT '',
    userinfo_signed_response_alg         varchar(10) NOT NULL DEFAULT '',
    subject_type                         varchar(15) NOT NULL DEFAULT '',
    allowed_cors_origins                 text NOT NULL DEFAULT '',
    audience                             text NOT NULL DEFAULT '',
    created_at                           timestamp NOT NULL DEFAULT now(),
    updated_at                           timestamp NOT NULL DEFAULT now(),
    frontchannel_logout_uri              text NOT NULL DEFAULT '',
    frontchannel_logout_session_required boolean NOT NULL DEFAULT false,
    post_logout_redirect_uris            text NOT NULL DEFAULT '',
    backchannel_logout_uri               text NOT NULL DEFAULT '',
    backchannel_logout_session_required  boolean NOT NULL DEFAULT false,
    metadata                             text NOT NULL DEFAULT '{}'
);

CREATE TABLE hydra_jwk (
    pk         serial PRIMARY KEY,
    sid        varchar(255) NOT NULL,
    kid        varchar(255) NOT NULL,
    version    integer NOT NULL DEFAULT 0,
    keydata    text NOT NULL,
    created_at timestamp NOT NULL DEFAULT now(),
    UNIQUE (sid, kid)
);

CREATE TABLE hydra_oauth2_authentication_session (
    id               varchar(40) PRIMARY KEY,
    authenticated_at timestamp NULL,
    subject          varchar(255) NOT NULL,
    remember         boolean NOT NULL DEFAULT false
);

CREATE TABLE hydra_oauth2_authentication_request (
    challenge             varchar(40) PRIMARY KEY,
    requested_scope       text NOT NULL,
    verifier              varchar(40) NOT NULL UNIQUE,
    csrf                  varchar(40) NOT NULL,
    subject               varchar(255) NOT NULL,
    request_url           text NOT NULL,
    skip                  boolean NOT NULL,
    client_id             varchar(255) NOT NULL REFERENCES hydra_client (id) ON DELETE CASCADE,
    requested_at          timestamp NOT NULL DEFAULT now(),
    authenticated_at      timestamp NULL,
    oidc_context          text NOT NULL,
    login_session_id      varchar(40) NULL REFERENCES hydra_oauth2_authentication_session (id) ON DELETE CASCADE,
    requested_at_audience text NULL DEFAULT ''
);

CREATE TABLE hydra_oauth2_authentication_request_handled (
    challenge                 varchar(40) PRIMARY KEY
                              REFERENCES hydra_oauth2_authentication_request (challenge) ON DELETE CASCADE,
    subject                   varchar(255) NOT NULL,
    remember                  boolean NOT NULL,
    remember_for              integer NOT NULL,
    error                     text NOT NULL,
    acr                       text NOT NULL,
    requested_at              timestamp NOT NULL DEFAULT now(),
    authenticated_at          timestamp NULL,
    was_used                  boolean NOT NULL,
    forced_subject_identifier varchar(255) NULL DEFAULT '',
    context                   text NOT NULL DEFAULT '{}'
);

CREATE TABLE hydra_oauth2_consent_request (
    challenge                 varchar(40) PRIMARY KEY,
    verifier                  varchar(40) NOT NULL UNIQUE,
    client_id                 varchar(255) NOT NULL REFERENCES hydra_client (id) ON DELETE CASCADE,
    subject                   varchar(255) NOT NULL,
    request_url               text NOT NULL,
    skip                      boolean NOT NULL,
    requested_scope           text NOT NULL,
    csrf                      varchar(40) NOT NULL,
    authenticated_at          timestamp NULL,
    requested_at              timestamp NOT NULL DEFAULT now(),
    oidc_context              text NOT NULL,
    forced_subject_identifier varchar(255) NULL DEFAULT '',
    login_session_id          varchar(40) NULL
                              REFERENCES hydra_oauth2_authentication_session (id) ON DELETE SET NULL,
    login_challenge           varchar(40) NULL
                              REFERENCES hydra_oauth2_authentication_request (challenge) ON DELETE SET NULL,
    requested_at_audience     text NULL DEFAULT '',
    acr                       text NULL DEFAULT '',
    context                   text NOT NULL DEFAULT '{}'
);

CREATE TABLE hydra_oauth2_consent_request_handled (
    challenge            varchar(40) PRIMARY KEY
                         REFERENCES hydra_oauth2_consent_request (challenge) ON DELETE CASCADE,
    granted_scope        text NOT NULL,
    remember             boolean NOT NULL,
    remember_for         integer NOT NULL,
    error                text NOT NULL,
    requested_at         timestamp NOT NULL DEFAULT now(),
    session_access_token text NOT NULL,
    session_id_token     text NOT NULL,
    authenticated_at     timestamp NULL,
    was_used             boolean NOT NULL,
    granted_at_audience  text NULL DEFAULT '',
    handled_at           timestamp NULL
);

CREATE TABLE hydra_oauth2_refresh (
    signature          varchar(255) PRIMARY KEY,
    request_id         varchar(40) NOT NULL,
    requested_at       timestamp NOT NULL DEFAULT now(),
    client_id          varchar(255) NOT NULL REFERENCES hydra_client (id) ON DELETE CASCADE,
    scope              text NOT NULL,
    granted_scope      text NOT NULL,
    form_data          text NOT NULL,
    session_data       text NOT NULL,
    subject            varchar(255) NOT NULL DEFAULT '',
    active             boolean NOT NULL DEFAULT true,
    requested_audience text NULL DEFAULT '',
    granted_audience   text NULL DEFAULT '',
    challenge_id       varchar(40) NULL
                       REFERENCES hydra_oauth2_consent_request_handled (challenge) ON DELETE CASCADE
);
CREATE INDEX hydra_oauth2_refresh_request_id_idx ON hydra_oauth2_refresh (request_id);
