--liquibase formatted sql

--changeset openauthz:0008-dpop-jkt
--comment: The JWK SHA-256 thumbprint (RFC 7638) of the DPoP key a token is bound to (RFC 9449 section 6), null when
--comment: the token is a plain bearer token. Codes carry the dpop_jkt of the authorization request (section 10).
ALTER TABLE hydra_oauth2_access ADD COLUMN dpop_jkt varchar(64);
ALTER TABLE hydra_oauth2_refresh ADD COLUMN dpop_jkt varchar(64);
ALTER TABLE hydra_oauth2_code ADD COLUMN dpop_jkt varchar(64);
--rollback ALTER TABLE hydra_oauth2_access DROP COLUMN dpop_jkt; ALTER TABLE hydra_oauth2_refresh DROP COLUMN dpop_jkt; ALTER TABLE hydra_oauth2_code DROP COLUMN dpop_jkt;
