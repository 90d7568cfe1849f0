package org.openauthz.authz.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.openauthz.authz.oauth2.SpaceDelimited;

import java.time.Instant;
import java.util.List;

/**
 * An OAuth 2.0 client with Hydra v1.10's JSON model (metadata per
 * <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>). Immutable. The
 * {@code client_secret} field only ever holds a plaintext secret on its way in (create/update) or out (the create
 * response); stores keep a hash instead ({@link StoredClient}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OAuth2Client(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_name") String clientName,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("redirect_uris") List<String> redirectUris,
        @JsonProperty("grant_types") List<String> grantTypes,
        @JsonProperty("response_types") List<String> responseTypes,
        @JsonProperty("scope") String scope,
        @JsonProperty("audience") List<String> audience,
        @JsonProperty("owner") String owner,
        @JsonProperty("policy_uri") String policyUri,
        @JsonProperty("allowed_cors_origins") List<String> allowedCorsOrigins,
        @JsonProperty("tos_uri") String tosUri,
        @JsonProperty("client_uri") String clientUri,
        @JsonProperty("logo_uri") String logoUri,
        @JsonProperty("contacts") List<String> contacts,
        @JsonProperty("client_secret_expires_at") Long clientSecretExpiresAt,
        @JsonProperty("subject_type") String subjectType,
        @JsonProperty("sector_identifier_uri") String sectorIdentifierUri,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("jwks") JsonNode jwks,
        @JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
        @JsonProperty("token_endpoint_auth_signing_alg") String tokenEndpointAuthSigningAlg,
        @JsonProperty("request_uris") List<String> requestUris,
        @JsonProperty("request_object_signing_alg") String requestObjectSigningAlg,
        @JsonProperty("userinfo_signed_response_alg") String userinfoSignedResponseAlg,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("frontchannel_logout_uri") String frontchannelLogoutUri,
        @JsonProperty("frontchannel_logout_session_required") Boolean frontchannelLogoutSessionRequired,
        @JsonProperty("post_logout_redirect_uris") List<String> postLogoutRedirectUris,
        @JsonProperty("backchannel_logout_uri") String backchannelLogoutUri,
        @JsonProperty("backchannel_logout_session_required") Boolean backchannelLogoutSessionRequired,
        @JsonProperty("metadata") JsonNode metadata,
        @JsonProperty("require_pushed_authorization_requests") Boolean requirePushedAuthorizationRequests,
        @JsonProperty("dpop_bound_access_tokens") Boolean dpopBoundAccessTokens) {

    /**
     * A client without {@code require_pushed_authorization_requests} or {@code dpop_bound_access_tokens}: the fields
     * of Hydra v1.10's model.
     */
    public OAuth2Client(String clientId, String clientName, String clientSecret, List<String> redirectUris,
                        List<String> grantTypes, List<String> responseTypes, String scope, List<String> audience,
                        String owner, String policyUri, List<String> allowedCorsOrigins, String tosUri,
                        String clientUri, String logoUri, List<String> contacts, Long clientSecretExpiresAt,
                        String subjectType, String sectorIdentifierUri, String jwksUri, JsonNode jwks,
                        String tokenEndpointAuthMethod, String tokenEndpointAuthSigningAlg, List<String> requestUris,
                        String requestObjectSigningAlg, String userinfoSignedResponseAlg, Instant createdAt,
                        Instant updatedAt, String frontchannelLogoutUri, Boolean frontchannelLogoutSessionRequired,
                        List<String> postLogoutRedirectUris, String backchannelLogoutUri,
                        Boolean backchannelLogoutSessionRequired, JsonNode metadata) {
        this(clientId, clientName, clientSecret, redirectUris, grantTypes, responseTypes, scope, audience, owner,
                policyUri, allowedCorsOrigins, tosUri, clientUri, logoUri, contacts, clientSecretExpiresAt,
                subjectType, sectorIdentifierUri, jwksUri, jwks, tokenEndpointAuthMethod, tokenEndpointAuthSigningAlg,
                requestUris, requestObjectSigningAlg, userinfoSignedResponseAlg, createdAt, updatedAt,
                frontchannelLogoutUri, frontchannelLogoutSessionRequired, postLogoutRedirectUris, backchannelLogoutUri,
                backchannelLogoutSessionRequired, metadata, null, null);
    }

    public static final String AUTH_NONE = "none";

    /**
     * A public client (<a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.1">RFC 6749 §2.1</a>) authenticates
     * with nothing but its id.
     */
    @JsonIgnore
    public boolean isPublic() {
        return AUTH_NONE.equals(tokenEndpointAuthMethod);
    }

    /** Empty grant types mean {@code authorization_code} at runtime, as in Hydra v1.10. */
    public List<String> effectiveGrantTypes() {
        return grantTypes == null || grantTypes.isEmpty() ? List.of("authorization_code") : grantTypes;
    }

    public List<String> effectiveResponseTypes() {
        return responseTypes == null || responseTypes.isEmpty() ? List.of("code") : responseTypes;
    }

    public List<String> scopes() {
        return SpaceDelimited.words(scope);
    }

    public OAuth2Client withSecret(String secret) {
        return new Builder(this).clientSecret(secret).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Copies with a few fields changed; keeps the record immutable without 33-argument call sites. */
    public static final class Builder {
        private String clientId;
        private String clientName;
        private String clientSecret;
        private List<String> redirectUris;
        private List<String> grantTypes;
        private List<String> responseTypes;
        private String scope;
        private List<String> audience;
        private String owner;
        private String policyUri;
        private List<String> allowedCorsOrigins;
        private String tosUri;
        private String clientUri;
        private String logoUri;
        private List<String> contacts;
        private Long clientSecretExpiresAt;
        private String subjectType;
        private String sectorIdentifierUri;
        private String jwksUri;
        private JsonNode jwks;
        private String tokenEndpointAuthMethod;
        private String tokenEndpointAuthSigningAlg;
        private List<String> requestUris;
        private String requestObjectSigningAlg;
        private String userinfoSignedResponseAlg;
        private Instant createdAt;
        private Instant updatedAt;
        private String frontchannelLogoutUri;
        private Boolean frontchannelLogoutSessionRequired;
        private List<String> postLogoutRedirectUris;
        private String backchannelLogoutUri;
        private Boolean backchannelLogoutSessionRequired;
        private JsonNode metadata;
        private Boolean requirePushedAuthorizationRequests;
        private Boolean dpopBoundAccessTokens;

        public Builder() {
        }

        Builder(OAuth2Client c) {
            clientId = c.clientId;
            clientName = c.clientName;
            clientSecret = c.clientSecret;
            redirectUris = c.redirectUris;
            grantTypes = c.grantTypes;
            responseTypes = c.responseTypes;
            scope = c.scope;
            audience = c.audience;
            owner = c.owner;
            policyUri = c.policyUri;
            allowedCorsOrigins = c.allowedCorsOrigins;
            tosUri = c.tosUri;
            clientUri = c.clientUri;
            logoUri = c.logoUri;
            contacts = c.contacts;
            clientSecretExpiresAt = c.clientSecretExpiresAt;
            subjectType = c.subjectType;
            sectorIdentifierUri = c.sectorIdentifierUri;
            jwksUri = c.jwksUri;
            jwks = c.jwks;
            tokenEndpointAuthMethod = c.tokenEndpointAuthMethod;
            tokenEndpointAuthSigningAlg = c.tokenEndpointAuthSigningAlg;
            requestUris = c.requestUris;
            requestObjectSigningAlg = c.requestObjectSigningAlg;
            userinfoSignedResponseAlg = c.userinfoSignedResponseAlg;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
            frontchannelLogoutUri = c.frontchannelLogoutUri;
            frontchannelLogoutSessionRequired = c.frontchannelLogoutSessionRequired;
            postLogoutRedirectUris = c.postLogoutRedirectUris;
            backchannelLogoutUri = c.backchannelLogoutUri;
            backchannelLogoutSessionRequired = c.backchannelLogoutSessionRequired;
            metadata = c.metadata;
            requirePushedAuthorizationRequests = c.requirePushedAuthorizationRequests;
            dpopBoundAccessTokens = c.dpopBoundAccessTokens;
        }

        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientName(String v) { clientName = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder redirectUris(List<String> v) { redirectUris = v; return this; }
        public Builder grantTypes(List<String> v) { grantTypes = v; return this; }
        public Builder responseTypes(List<String> v) { responseTypes = v; return this; }
        public Builder scope(String v) { scope = v; return this; }
        public Builder audience(List<String> v) { audience = v; return this; }
        public Builder owner(String v) { owner = v; return this; }
        public Builder policyUri(String v) { policyUri = v; return this; }
        public Builder allowedCorsOrigins(List<String> v) { allowedCorsOrigins = v; return this; }
        public Builder tosUri(String v) { tosUri = v; return this; }
        public Builder clientUri(String v) { clientUri = v; return this; }
        public Builder logoUri(String v) { logoUri = v; return this; }
        public Builder contacts(List<String> v) { contacts = v; return this; }
        public Builder clientSecretExpiresAt(Long v) { clientSecretExpiresAt = v; return this; }
        public Builder subjectType(String v) { subjectType = v; return this; }
        public Builder sectorIdentifierUri(String v) { sectorIdentifierUri = v; return this; }
        public Builder jwksUri(String v) { jwksUri = v; return this; }
        public Builder jwks(JsonNode v) { jwks = v; return this; }
        public Builder tokenEndpointAuthMethod(String v) { tokenEndpointAuthMethod = v; return this; }
        public Builder tokenEndpointAuthSigningAlg(String v) { tokenEndpointAuthSigningAlg = v; return this; }
        public Builder requestUris(List<String> v) { requestUris = v; return this; }
        public Builder requestObjectSigningAlg(String v) { requestObjectSigningAlg = v; return this; }
        public Builder userinfoSignedResponseAlg(String v) { userinfoSignedResponseAlg = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder frontchannelLogoutUri(String v) { frontchannelLogoutUri = v; return this; }
        public Builder frontchannelLogoutSessionRequired(Boolean v) { frontchannelLogoutSessionRequired = v; return this; }
        public Builder postLogoutRedirectUris(List<String> v) { postLogoutRedirectUris = v; return this; }
        public Builder backchannelLogoutUri(String v) { backchannelLogoutUri = v; return this; }
        public Builder backchannelLogoutSessionRequired(Boolean v) { backchannelLogoutSessionRequired = v; return this; }
        public Builder metadata(JsonNode v) { metadata = v; return this; }
        public Builder requirePushedAuthorizationRequests(Boolean v) { requirePushedAuthorizationRequests = v; return this; }
        public Builder dpopBoundAccessTokens(Boolean v) { dpopBoundAccessTokens = v; return this; }

        public OAuth2Client build() {
            return new OAuth2Client(clientId, clientName, clientSecret, redirectUris, grantTypes, responseTypes, scope,
                    audience, owner, policyUri, allowedCorsOrigins, tosUri, clientUri, logoUri, contacts,
                    clientSecretExpiresAt, subjectType, sectorIdentifierUri, jwksUri, jwks, tokenEndpointAuthMethod,
                    tokenEndpointAuthSigningAlg, requestUris, requestObjectSigningAlg, userinfoSignedResponseAlg,
                    createdAt, updatedAt, frontchannelLogoutUri, frontchannelLogoutSessionRequired,
                    postLogoutRedirectUris, backchannelLogoutUri, backchannelLogoutSessionRequired, metadata,
                    requirePushedAuthorizationRequests, dpopBoundAccessTokens);
        }
    }
}
