--liquibase formatted sql

--changeset openauthz:0004-remembered-consent-index
--comment: Every login looks up the subject's newest remembered consent for the client (reference section 2.3 step 6); without this index PostgreSQL walks all of the subject's flows with that client, so logins slowed down as a user's history grew (5.5 ms per lookup after ~20,000 flows in bench/flows.sh).
CREATE INDEX hydra_oauth2_flow_remembered_idx ON hydra_oauth2_flow (subject, client_id, consent_handled_at DESC)
    WHERE consent_remembered AND consent_listed AND state = 'CONSENT_USED';
--rollback DROP INDEX hydra_oauth2_flow_remembered_idx;

--changeset openauthz:0004-consent-sessions-index
--comment: GET /oauth2/auth/sessions/consent lists a subject's consents newest first; same reason as above.
CREATE INDEX hydra_oauth2_flow_listed_idx ON hydra_oauth2_flow (subject, consent_handled_at DESC)
    WHERE consent_listed AND state = 'CONSENT_USED';
--rollback DROP INDEX hydra_oauth2_flow_listed_idx;

--changeset openauthz:0004-flow-fillfactor
--comment: A flow row is updated four times in a login; free space on its page lets PostgreSQL update it in place (HOT) when no indexed column changes, instead of adding an entry to each of the table's indexes.
ALTER TABLE hydra_oauth2_flow SET (fillfactor = 70);
--rollback ALTER TABLE hydra_oauth2_flow RESET (fillfactor);
