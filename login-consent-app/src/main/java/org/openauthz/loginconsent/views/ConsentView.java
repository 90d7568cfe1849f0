package org.openauthz.loginconsent.views;

import org.openauthz.admin.client.model.ConsentRequest;
import org.openauthz.admin.client.model.OAuth2Client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The consent form (Hydra's reference app's {@code consent.pug}). */
public final class ConsentView extends Page {
    private final String challenge;
    private final String csrf;
    private final String subject;
    private final String clientName;
    private final String logoUri;
    private final String policyUri;
    private final String tosUri;
    private final List<ScopeOption> scopes;
    private final List<String> audience;

    private ConsentView(String challenge, String csrf, String subject, String clientName, String logoUri,
                        String policyUri, String tosUri, List<ScopeOption> scopes, List<String> audience) {
        super("consent.mustache", "An application requests access to your data!");
        this.challenge = challenge;
        this.csrf = csrf;
        this.subject = subject;
        this.clientName = clientName;
        this.logoUri = logoUri;
        this.policyUri = policyUri;
        this.tosUri = tosUri;
        this.scopes = scopes;
        this.audience = audience;
    }

    public static ConsentView of(String challenge, ConsentRequest request, String csrf) {
        OAuth2Client client = request.getClient() == null ? new OAuth2Client() : request.getClient();
        List<ScopeOption> scopes = new ArrayList<>();
        List<String> requested = request.getRequestedScope() == null ? List.of() : request.getRequestedScope();
        for (int i = 0; i < requested.size(); i++) {
            // Ticked by default, unlike Hydra's reference app: a person who just presses "Allow access" should grant
            // what the application asked for, not an empty set of scopes it then fails with.
            scopes.add(ScopeOption.of(i, requested.get(i), true));
        }
        return new ConsentView(challenge, csrf, nonNull(request.getSubject()), clientName(client),
                webUrlOrNull(client.getLogoUri()), webUrlOrNull(client.getPolicyUri()),
                webUrlOrNull(client.getTosUri()), List.copyOf(scopes),
                request.getRequestedAccessTokenAudience() == null ? List.of()
                        : List.copyOf(request.getRequestedAccessTokenAudience()));
    }

    /** The name the client registered, else its id (Hydra's reference app: {@code client_name || client_id}). */
    static String clientName(OAuth2Client client) {
        String name = client.getClientName();
        return name == null || name.isBlank() ? nonNull(client.getClientId()) : name;
    }

    /**
     * Only http(s) URLs become links or images: client metadata is written by whoever registered the client, and a
     * {@code javascript:} policy link must not reach the page.
     */
    static String webUrlOrNull(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? url.strip() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    public String getChallenge() {
        return challenge;
    }

    public String getCsrf() {
        return csrf;
    }

    public String getSubject() {
        return subject;
    }

    public String getClientName() {
        return clientName;
    }

    public boolean isHasLogo() {
        return logoUri != null;
    }

    public String getLogoUri() {
        return logoUri;
    }

    public boolean isHasPolicy() {
        return policyUri != null;
    }

    public String getPolicyUri() {
        return policyUri;
    }

    public boolean isHasTos() {
        return tosUri != null;
    }

    public String getTosUri() {
        return tosUri;
    }

    public boolean isHasLinks() {
        return policyUri != null || tosUri != null;
    }

    public List<ScopeOption> getScopes() {
        return scopes;
    }

    public boolean isHasScopes() {
        return !scopes.isEmpty();
    }

    public List<String> getAudience() {
        return audience;
    }

    public boolean isHasAudience() {
        return !audience.isEmpty();
    }
}
