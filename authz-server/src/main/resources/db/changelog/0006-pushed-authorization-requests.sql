--liquibase formatted sql

--changeset openauthz:0006-pushed-authorization-requests
--comment: pushed authorization requests (RFC 9126) until used or expired; keyed by a SHA-256 of the request_uri.
CREATE TABLE openauthz_pushed_requests (
    signature  varchar(64) PRIMARY KEY,
    client_id  varchar(255) NOT NULL,
    parameters text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX openauthz_pushed_requests_expires_at_idx ON openauthz_pushed_requests (expires_at);
--rollback DROP TABLE openauthz_pushed_requests;
