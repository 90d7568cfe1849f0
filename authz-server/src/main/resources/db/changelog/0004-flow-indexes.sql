--liquibase formatted sql

--changeset openauthz:0004-remembered-consent-index
--comment: Every login looks up the subject's newest remembered consent for the client (reference section 2.3 step 6); without this index PostgreSQL walks all of the subject's flows with that client, so logins slowed down as a user's history grew (5.5 ms per lookup after ~20,000 flows in bench/flows.sh).
-- consent_remembered is only set on used, listed consents (JdbiFlowStore.bind); neither state nor consent_handled_at
-- is part of the index, so the updates that change only those can stay HOT (see 0004-flow-fillfactor).
CREATE INDEX hydra_oauth2_flow_remembered_idx ON hydra_oauth2_flow (subject, client_id) WHERE consent_remembered;
--rollback DROP INDEX hydra_oauth2_flow_remembered_idx;

--changeset openauthz:0004-consent-sessions-index
--comment: GET /oauth2/auth/sessions/consent lists a subject's consents newest first; same reason as above.
CREATE INDEX hydra_oauth2_flow_listed_idx ON hydra_oauth2_flow (subject) WHERE consent_listed;
--rollback DROP INDEX hydra_oauth2_flow_listed_idx;

--changeset openauthz:0004-flow-fillfactor
--comment: A flow row is updated four times in a login; free space on its page lets PostgreSQL update it in place (HOT) when no indexed column changes (accepting the consent), instead of adding an entry to each of the table's seven indexes.
ALTER TABLE hydra_oauth2_flow SET (fillfactor = 70);
--rollback ALTER TABLE hydra_oauth2_flow RESET (fillfactor);

--changeset openauthz:0004-flow-data-text
--comment: The flow document is only ever written and read whole; as text PostgreSQL neither parses it on each of a login's five writes nor renders it on each of its five reads (decision 0006).
ALTER TABLE hydra_oauth2_flow ALTER COLUMN data TYPE text;
--rollback ALTER TABLE hydra_oauth2_flow ALTER COLUMN data TYPE jsonb USING data::jsonb;
