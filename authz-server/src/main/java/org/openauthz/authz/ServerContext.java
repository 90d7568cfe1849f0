package org.openauthz.authz;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openauthz.authz.api.errors.ErrorRenderer;
import org.openauthz.authz.api.errors.ExceptionClassifier;
import org.openauthz.authz.client.ClientRegistration;
import org.openauthz.authz.client.ClientSecretCheck;
import org.openauthz.authz.client.ClientService;
import org.openauthz.authz.client.InitialAccessTokens;
import org.openauthz.authz.client.RegistrationAccessTokens;
import org.openauthz.authz.client.RegistrationPolicy;
import org.openauthz.authz.client.RegistrationRequest;
import org.openauthz.authz.client.ClientValidator;
import org.openauthz.authz.client.ImplicitAccessTokenPolicy;
import org.openauthz.authz.client.SecretGenerator;
import org.openauthz.authz.client.SecretHasher;
import org.openauthz.authz.client.SecretVerifier;
import org.openauthz.authz.client.StoredClient;
import org.openauthz.authz.consent.ConsentStrategy;
import org.openauthz.authz.consent.RememberedSignIns;
import org.openauthz.authz.jwk.RsaSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openauthz.authz.consent.BackChannelLogout;
import org.openauthz.authz.consent.EndSession;
import org.openauthz.authz.consent.LoginConsentAdmin;
import org.openauthz.authz.consent.LogoutAdmin;
import org.openauthz.authz.consent.SessionCookies;
import org.openauthz.authz.oauth2.authorize.AuthorizeRequestValidator;
import org.openauthz.authz.oauth2.authorize.RequestObjects;
import org.openauthz.authz.oauth2.ClientKeys;
import org.openauthz.authz.oauth2.par.PushedAuthorizationRequests;
import org.openauthz.authz.oauth2.authorize.ResponseModeDelivery;
import org.openauthz.authz.oauth2.authorize.ResponseTypeIssuer;
import org.openauthz.authz.oauth2.grant.AuthorizationCodeGrantHandler;
import org.openauthz.authz.oauth2.grant.GrantTokenFactory;
import org.openauthz.authz.oauth2.grant.RefreshTokenGrantHandler;
import org.openauthz.authz.oauth2.hook.TokenHooks;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.oidc.SubjectIdentifiers;
import org.openauthz.authz.oauth2.oidc.Userinfo;
import org.openauthz.authz.config.ServerSettings;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyRotation;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.ClientAuthenticator;
import org.openauthz.authz.oauth2.ClientScopes;
import org.openauthz.authz.oauth2.GrantHandler;
import org.openauthz.authz.oauth2.GrantTypes;
import org.openauthz.authz.oauth2.JwksUriFetcher;
import org.openauthz.authz.oauth2.PrivateKeyJwtAuthenticator;
import org.openauthz.authz.oauth2.ScopeStrategy;
import org.openauthz.authz.oauth2.TokenEndpoint;
import org.openauthz.authz.oauth2.dpop.DpopVerifier;
import org.openauthz.authz.oauth2.grant.ClientCredentialsGrantHandler;
import org.openauthz.authz.oauth2.grant.DeviceCodeGrantHandler;
import org.openauthz.authz.oauth2.device.DeviceAuthorization;
import org.openauthz.authz.oauth2.device.DeviceChallenges;
import org.openauthz.authz.oauth2.device.DeviceConsent;
import org.openauthz.authz.oauth2.device.DeviceUserCodeCheck;
import org.openauthz.authz.oauth2.device.UserCodes;
import org.openauthz.authz.oauth2.oidc.DiscoveryDocument;
import org.openauthz.authz.oauth2.pkce.Pkce;
import com.nimbusds.jose.JOSEObjectType;
import org.openauthz.authz.oauth2.token.AccessTokenFormat;
import org.openauthz.authz.oauth2.token.AccessTokenIssuer;
import org.openauthz.authz.oauth2.token.JwtAccessTokens;
import org.openauthz.authz.oauth2.token.Introspector;
import org.openauthz.authz.oauth2.token.Revoker;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenJanitor;
import org.openauthz.authz.oauth2.token.TokenLookup;
import org.openauthz.authz.oauth2.token.TokenMinter;
import org.openauthz.authz.server.StartupException;
import org.openauthz.authz.persistence.Stores;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The composition root: builds every service once, eagerly, with constructor injection. No
 * other class creates collaborators or holds static state.
 */
public final class ServerContext {
    private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);

    /** The end-session endpoint under the public base; the logout verifier is redeemed there. */
    public static final String END_SESSION_PATH = "oauth2/sessions/logout";
    /** Where the device grant's {@code verification_uri} points (RFC 8628 §3.2). */
    public static final String DEVICE_VERIFY_PATH = "oauth2/device/verify";
    /** How long a logout waits for the clients' back-channel endpoints, all together (decision 0010). */
    static final java.time.Duration BACK_CHANNEL_TIMEOUT = java.time.Duration.ofSeconds(2);

    /** RFC 9068 §2.1's media type of JWT access tokens, for the {@code typ} header. */
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final ServerSettings settings;
    private final List<String> signingSets;
    private final Stores storage;
    private final KeyService keys;
    private final ClientService clients;
    private final ClientRegistration clientRegistration;
    private final InitialAccessTokens initialAccessTokens;
    private final ObjectMapper json;
    private final ClientAuthenticator clientAuthenticator;
    private final TokenEndpoint tokenEndpoint;
    private final Introspector introspector;
    private final Revoker revoker;
    private final TokenJanitor janitor;
    private final DiscoveryDocument discovery;
    private final ErrorRenderer errors;
    private final ExceptionClassifier exceptions = new ExceptionClassifier();
    private final AuthorizeRequestValidator authorizeValidator;
    private final ConsentStrategy consentStrategy;
    private final ResponseTypeIssuer responseTypeIssuer;
    private final ResponseModeDelivery responseModeDelivery;
    private final LoginConsentAdmin loginConsentAdmin;
    private final EndSession endSession;
    private final LogoutAdmin logoutAdmin;
    private final Userinfo userinfo;
    private final TokenLookup tokenLookup;
    private final KeyRotation keyRotation;
    private final PushedAuthorizationRequests pushedRequests;
    private final RequestObjects requestObjects;
    private final DeviceAuthorization deviceAuthorization;
    private final DeviceChallenges deviceChallenges;
    private final DeviceUserCodeCheck deviceUserCodeCheck;
    private final DeviceConsent deviceConsent;

    public ServerContext(ServerSettings settings, Stores storage, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.storage = storage;
        SecureRandom random = new SecureRandom();
        SystemSecrets secrets = new SystemSecrets(settings.systemSecrets());
        AeadCipher cipher = new AeadCipher(secrets, random);
        OpaqueTokens opaque = new OpaqueTokens(secrets, random);
        ScopeStrategy scopes = ScopeStrategy.named(settings.oauth2().scopeStrategy());
        ClientScopes clientScopes = new ClientScopes(scopes);

        RsaSigning rsaSigning = RsaSigning.fastest();
        LOG.info("RS256 signatures (ID tokens, JWT access tokens, logout tokens) by {}", rsaSigning.describe());
        this.keys = new KeyService(storage.keys(), cipher, new KeyGenerator(settings.oidc().rsaBits()), clock,
                rsaSigning);
        storage.changes().subscribe(keys);
        this.signingSets = settings.jwtAccessTokens().enabled()
                ? List.of(KeyService.ID_TOKEN_SET, KeyService.ACCESS_TOKEN_SET) : List.of(KeyService.ID_TOKEN_SET);
        try {
            signingSets.forEach(set -> keys.ensureSigningKey(set, "RS256"));
        } catch (KeyService.KeyDecryptionException e) {
            throw new StartupException(e.getMessage(), e);
        }
        this.keyRotation = new KeyRotation(keys, signingSets, new KeyRotation.Schedule(
                settings.keyRotation().interval(), settings.keyRotation().prepublish(), longestSignedTokenLifespan(
                        settings)), clock);
        SecretHasher hasher = new SecretHasher(settings.oauth2().pbkdf2Iterations(), random);
        SecretVerifier secretVerifier = new SecretVerifier(hasher, random, storage.clients()::replaceSecretHash);
        storage.changes().subscribe(secretVerifier);
        JwksUriFetcher jwksUriFetcher = new JwksUriFetcher(clock);
        this.clientAuthenticator = new ClientAuthenticator(storage.clients()::find,
                new ClientSecretCheck(secretVerifier, clock),
                new PrivateKeyJwtAuthenticator(storage.clients()::find, jwksUriFetcher, storage.jtis(),
                        List.of(settings.urls().publicUrl("oauth2/token"), settings.urls().issuer().toString(),
                                settings.urls().issuerUrl("oauth2/token")), clock));
        SessionCodec sessions = new SessionCodec(json, cipher, settings.oauth2().encryptSessionAtRest());
        String issuerUrl = settings.urls().issuer().toString();
        JwtAccessTokens jwtAccessTokens = jwtAccessTokens(settings.jwtAccessTokens(), issuerUrl);
        TokenMinter minter = new TokenMinter(opaque, settings.jwtAccessTokens().enabled() ? jwtAccessTokens
                : AccessTokenFormat.opaque(opaque), sessions, settings.ttl().authCode(), settings.ttl().accessToken(),
                settings.ttl().refreshToken(), clock);
        AccessTokenIssuer issuer = new AccessTokenIssuer(minter, storage.tokens());
        IdTokens idTokens = new IdTokens(keys, issuerUrl, settings.ttl().idToken(), clock);
        TokenHooks hooks = TokenHooks.of(settings.hooks().refreshTokenHook(), settings.hooks().tokenHook(),
                settings.hooks().timeout(), json);
        GrantTokenFactory grantTokens = new GrantTokenFactory(minter, idTokens, hooks);
        TokenLookup lookup = new TokenLookup(opaque, jwtAccessTokens, storage.tokens(), clock);
        this.tokenLookup = lookup;
        Pkce pkce = new Pkce(settings.oauth2().pkceEnforced(), settings.oauth2().pkceEnforcedForPublicClients());
        // One line per grant type; discovery and client registration read the list (GrantTypes).
        List<GrantHandler> grants = List.of(
                new AuthorizationCodeGrantHandler(lookup, storage.tokens(), sessions, grantTokens, pkce),
                new ClientCredentialsGrantHandler(issuer, clientScopes,
                        settings.oauth2().clientCredentialsDefaultGrantAllowedScope(), hooks),
                new RefreshTokenGrantHandler(lookup, storage.tokens(), sessions, grantTokens, clientScopes),
                new DeviceCodeGrantHandler(storage.devices(), opaque, storage.tokens(), sessions, grantTokens, clock));
        GrantTypes grantTypes = new GrantTypes(grants);
        // DPoP proofs share the jti store of client assertions, so every replica sees every proof (RFC 9449 §11.1).
        DpopVerifier dpop = new DpopVerifier(storage.jtis(), settings.dpop().proofMaxAge(),
                settings.dpop().proofMaxClockSkew(), clock);
        this.tokenEndpoint = new TokenEndpoint(clientAuthenticator, grants, dpop,
                DiscoveryDocument.tokenEndpoint(settings));
        this.clients = new ClientService(storage.clients(), new ClientValidator(settings.oidc().subjectTypes(),
                settings.oidc().defaultClientScope(), grantTypes.all()),
                new ImplicitAccessTokenPolicy(settings.clientPolicy().implicitAccessTokensAllowed()), hasher,
                new SecretGenerator(random), json, clock);
        this.json = json;
        this.initialAccessTokens = new InitialAccessTokens(storage.initialAccessTokens(),
                new RegistrationAccessTokens(random), clock);
        this.clientRegistration = clientRegistration(settings, grantTypes, hasher, json, random);
        this.authorizeValidator = new AuthorizeRequestValidator(storage.clients()::find, clientScopes, pkce,
                settings.serve().allowInsecureRedirectUrls());
        SessionCookies cookies = new SessionCookies(new SystemSecrets(settings.cookieSecrets()).all(),
                settings.serve().tls().publicEnabled(), settings.serve().sameSiteLegacyCopies());
        SubjectIdentifiers subjectIdentifiers = new SubjectIdentifiers(settings.oidc().pairwiseSalt());
        this.consentStrategy = new ConsentStrategy(storage.flows(), storage.loginSessions(), cookies, scopes,
                idTokens::hintClaims, subjectIdentifiers, settings.urls().login(), settings.urls().consent(),
                settings.ttl().loginConsentRequest(),
                new RememberedSignIns(settings.oauth2().acceptRememberedSignIns()), clock);
        this.responseTypeIssuer = new ResponseTypeIssuer(minter, storage.tokens(), issuer, idTokens,
                subjectIdentifiers, clientScopes);
        this.responseModeDelivery = new ResponseModeDelivery(settings.urls().error(), issuerUrl);
        this.requestObjects = new RequestObjects(storage.clients()::find, new ClientKeys(jwksUriFetcher), issuerUrl,
                clock);
        this.pushedRequests = new PushedAuthorizationRequests(authorizeValidator, requestObjects,
                storage.pushedRequests(), dpop, DiscoveryDocument.pushedAuthorizationRequestEndpoint(settings),
                settings.pushedRequests().requestUriLifespan(),
                settings.pushedRequests().required(), clock);
        this.loginConsentAdmin = new LoginConsentAdmin(storage.flows(), storage.loginSessions(), storage.tokens(),
                id -> storage.clients().find(id).map(StoredClient::client), settings.ttl().loginConsentRequest(),
                clock);
        // Decision 0009: the logout token always has sid; sub too (as the client sees it) unless the client said
        // it needs the session (backchannel_logout_session_required), where sid alone is what it asked for.
        BackChannelLogout backChannel = new BackChannelLogout((client, sid, subject) -> idTokens.signLogoutToken(
                client.clientId(), sid, Boolean.TRUE.equals(client.backchannelLogoutSessionRequired()) ? null
                        : subjectIdentifiers.forClient(client, subject, null)), BACK_CHANNEL_TIMEOUT);
        this.endSession = new EndSession(storage.logoutRequests(), storage.loginSessions(), storage.flows(), cookies,
                idTokens::hintClaims, id -> storage.clients().find(id).map(StoredClient::client), subjectIdentifiers,
                backChannel, issuerUrl, settings.urls().logout(), settings.urls().postLogoutRedirect(), clock);
        this.logoutAdmin = new LogoutAdmin(storage.logoutRequests(),
                id -> storage.clients().find(id).map(StoredClient::client),
                settings.urls().publicUrl(END_SESSION_PATH));
        this.userinfo = new Userinfo(lookup, sessions, idTokens,
                id -> storage.clients().find(id).map(StoredClient::client), issuerUrl, dpop,
                DiscoveryDocument.userinfoEndpoint(settings));
        this.introspector = new Introspector(lookup, sessions, scopes, settings.urls().issuer().toString());
        this.revoker = new Revoker(lookup, storage.tokens());
        ServerSettings.DeviceGrant device = settings.deviceGrant();
        this.deviceAuthorization = new DeviceAuthorization(clientAuthenticator, clientScopes, storage.devices(), opaque,
                new UserCodes(random), device.userCodeTtl(), device.pollingInterval(),
                settings.urls().publicUrl(DEVICE_VERIFY_PATH), clock);
        this.deviceChallenges = new DeviceChallenges(opaque, random, device.userCodeTtl(), clock);
        this.deviceUserCodeCheck = new DeviceUserCodeCheck(deviceChallenges, storage.devices(), opaque, clock);
        this.deviceConsent = new DeviceConsent(storage.devices(), opaque,
                id -> storage.clients().find(id).map(StoredClient::client), responseTypeIssuer, clock);
        this.janitor = new TokenJanitor(storage.tokens(), clock);
        this.discovery = new DiscoveryDocument(settings, grantTypes);
        this.errors = new ErrorRenderer(settings.oauth2().includeLegacyErrorFields(),
                settings.oauth2().exposeInternalErrors());
    }

    /** Self-registration (decision 0018) on the same validation and store as the admin API's clients. */
    private ClientRegistration clientRegistration(ServerSettings settings, GrantTypes grantTypes, SecretHasher hasher,
                                                  ObjectMapper json, SecureRandom random) {
        ServerSettings.Registration limits = settings.registration();
        List<String> unknownGrants = limits.allowedGrantTypes().stream()
                .filter(grant -> !grantTypes.all().contains(grant)).toList();
        if (!unknownGrants.isEmpty()) {
            throw new StartupException("OIDC_DYNAMIC_CLIENT_REGISTRATION_ALLOWED_GRANT_TYPES names grant types this "
                    + "server does not support: " + String.join(", ", unknownGrants) + "; supported: "
                    + String.join(", ", grantTypes.all()));
        }
        RegistrationPolicy policy = new RegistrationPolicy(limits.allowedGrantTypes(), limits.allowedScope(),
                limits.allowedRedirectUriSchemes(), limits.allowedAuthMethods(), settings.oidc().defaultClientScope());
        return new ClientRegistration(limits.enabled(), clients, storage.clients(), policy,
                new RegistrationRequest(json, limits.maxMetadataBytes()), new RegistrationAccessTokens(random), hasher,
                limits.initialAccessTokenRequired() ? initialAccessTokens : null);
    }

    private JwtAccessTokens jwtAccessTokens(ServerSettings.JwtAccessTokens jwt, String issuerUrl) {
        return new JwtAccessTokens(keys, issuerUrl, new JwtAccessTokens.Claims(!jwt.excludeNotBeforeClaim(),
                jwt.allowedTopLevelClaims(), jwt.typAtJwt() ? AT_JWT : JOSEObjectType.JWT));
    }

    /** ID tokens always; JWT access tokens when access tokens are JWTs (opaque ones are not signed with a key). */
    private static java.time.Duration longestSignedTokenLifespan(ServerSettings settings) {
        java.time.Duration idToken = settings.ttl().idToken();
        java.time.Duration accessToken = settings.ttl().accessToken();
        return settings.jwtAccessTokens().enabled() && accessToken.compareTo(idToken) > 0 ? accessToken : idToken;
    }

    public KeyRotation keyRotation() {
        return keyRotation;
    }

    /** The key sets that sign: ID tokens always, access tokens with {@code strategies.access_token: jwt}. */
    public List<String> signingSets() {
        return signingSets;
    }

    /**
     * The key sets {@code /.well-known/jwks.json} publishes: those of {@code webfinger.jwks.broadcast_keys} and, as in
     * Hydra v1.10, every set that signs, so clients and resource servers can always verify what we sign.
     */
    public List<String> broadcastSets() {
        return Stream.concat(settings.jwksBroadcastKeys().stream(), signingSets.stream()).distinct().toList();
    }

    public DeviceAuthorization deviceAuthorization() {
        return deviceAuthorization;
    }

    public DeviceChallenges deviceChallenges() {
        return deviceChallenges;
    }

    public DeviceUserCodeCheck deviceUserCodeCheck() {
        return deviceUserCodeCheck;
    }

    public DeviceConsent deviceConsent() {
        return deviceConsent;
    }

    public ServerSettings settings() {
        return settings;
    }

    public Stores storage() {
        return storage;
    }

    public KeyService keys() {
        return keys;
    }

    public ClientService clients() {
        return clients;
    }

    /** The server's JSON mapper (Dropwizard's, with the same settings on both ports). */
    public ObjectMapper json() {
        return json;
    }

    public InitialAccessTokens initialAccessTokens() {
        return initialAccessTokens;
    }

    public ClientRegistration clientRegistration() {
        return clientRegistration;
    }

    public ClientAuthenticator clientAuthenticator() {
        return clientAuthenticator;
    }

    public TokenEndpoint tokenEndpoint() {
        return tokenEndpoint;
    }

    public Introspector introspector() {
        return introspector;
    }

    public Revoker revoker() {
        return revoker;
    }

    public TokenJanitor janitor() {
        return janitor;
    }

    public DiscoveryDocument discovery() {
        return discovery;
    }

    public ErrorRenderer errors() {
        return errors;
    }

    public ExceptionClassifier exceptions() {
        return exceptions;
    }

    public RequestObjects requestObjects() {
        return requestObjects;
    }

    public PushedAuthorizationRequests pushedRequests() {
        return pushedRequests;
    }

    public AuthorizeRequestValidator authorizeValidator() {
        return authorizeValidator;
    }

    public ConsentStrategy consentStrategy() {
        return consentStrategy;
    }

    public ResponseTypeIssuer responseTypeIssuer() {
        return responseTypeIssuer;
    }

    public ResponseModeDelivery responseModeDelivery() {
        return responseModeDelivery;
    }

    public EndSession endSession() {
        return endSession;
    }

    public LogoutAdmin logoutAdmin() {
        return logoutAdmin;
    }

    public LoginConsentAdmin loginConsentAdmin() {
        return loginConsentAdmin;
    }

    public Userinfo userinfo() {
        return userinfo;
    }

    public TokenLookup tokenLookup() {
        return tokenLookup;
    }
}
