package org.openauthz.authz.oauth2.oidc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.openauthz.authz.client.OAuth2Client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sub} a client sees (<a href="https://openid.net/specs/openid-connect-core-1_0.html#SubjectIDTypes">OpenID
 * Connect Core §8</a>, <a href="https://openid.net/specs/openid-connect-core-1_0.html#PairwiseAlg">OpenID Connect Core
 * §8.1</a>).
 */
class SubjectIdentifiersTest {
    private final SubjectIdentifiers subjects = new SubjectIdentifiers("pairwise-salt-1234");

    static OAuth2Client client(String id, String subjectType, String sectorUri, String... redirects) {
        return new OAuth2Client.Builder().clientId(id).subjectType(subjectType).sectorIdentifierUri(sectorUri)
                .redirectUris(List.of(redirects)).build();
    }

    static String sha256Hex(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource(value = {"public", "NULL", "''"}, nullValues = "NULL")
    void whenClientIsPublicOrUnsetThenTheSubjectIsTheAcceptedOne(String subjectType) {
        // OIDC Core §8 public: the same sub value to all clients.
        assertThat(subjects.forClient(client("app", subjectType, null, "https://app.example/cb"), "alice", null))
                .isEqualTo("alice");
    }

    @Test
    void whenClientIsPairwiseThenTheSubjectIsTheHexSha256OfSectorSubjectAndSalt() throws Exception {
        // As in Hydra v1.10: lowercase hex SHA-256 of (sector id || subject || salt).
        OAuth2Client rp = client("rp", "pairwise", null, "https://rp.example/cb");

        String sub = subjects.forClient(rp, "alice", null);

        assertThat(sub).matches("[0-9a-f]{64}").isEqualTo(sha256Hex("rp.example" + "alice" + "pairwise-salt-1234"));
    }

    @Test
    void whenPairwiseSubjectIsComputedAgainThenItIsStable() {
        OAuth2Client rp = client("rp", "pairwise", null, "https://rp.example/cb");

        assertThat(subjects.forClient(rp, "alice", null)).isEqualTo(subjects.forClient(rp, "alice", null))
                .isEqualTo(new SubjectIdentifiers("pairwise-salt-1234").forClient(rp, "alice", null));
    }

    @Test
    void whenClientsShareASectorThenTheySeeTheSamePairwiseSubject() {
        // OIDC Core §8.1: the sector identifier groups clients of one operator.
        OAuth2Client web = client("web", "pairwise", "https://sector.example/ids.json", "https://web.example/cb");
        OAuth2Client mobile = client("mobile", "pairwise", "https://sector.example/ids.json", "com.example:/cb");
        OAuth2Client sameHost1 = client("a", "pairwise", null, "https://rp.example/a");
        OAuth2Client sameHost2 = client("b", "pairwise", null, "https://rp.example/b");

        assertThat(subjects.forClient(web, "alice", null)).isEqualTo(subjects.forClient(mobile, "alice", null));
        assertThat(subjects.forClient(sameHost1, "alice", null)).isEqualTo(subjects.forClient(sameHost2, "alice",
                null));
    }

    @Test
    void whenAPairwiseClientsOnlyRedirectUriHasNoHostThenTheClientIdIsTheSector() throws Exception {
        // Registration now refuses such a client; one stored earlier still gets a sub instead of an error.
        OAuth2Client app = client("app", "pairwise", null, "com.example.app:/cb");

        assertThat(subjects.forClient(app, "alice", null)).isEqualTo(sha256Hex("app" + "alice" + "pairwise-salt-1234"));
    }

    @Test
    void whenSectorsDifferThenPairwiseSubjectsDiffer() {
        // OIDC Core §8.1: clients of different sectors cannot correlate the user.
        OAuth2Client one = client("one", "pairwise", null, "https://one.example/cb");
        OAuth2Client two = client("two", "pairwise", null, "https://two.example/cb");
        OAuth2Client port = client("port", "pairwise", null, "https://one.example:8443/cb");

        assertThat(subjects.forClient(one, "alice", null)).isNotEqualTo(subjects.forClient(two, "alice", null))
                .isNotEqualTo(subjects.forClient(port, "alice", null)).isNotEqualTo("alice");
        assertThat(subjects.forClient(one, "alice", null)).isNotEqualTo(subjects.forClient(one, "bob", null));
    }

    @Test
    void whenSaltDiffersThenPairwiseSubjectsDiffer() {
        OAuth2Client rp = client("rp", "pairwise", null, "https://rp.example/cb");

        assertThat(new SubjectIdentifiers("other-salt-5678").forClient(rp, "alice", null))
                .isNotEqualTo(subjects.forClient(rp, "alice", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            https://sector.example/ids.json | https://rp.example/cb      | https://sector.example/ids.json
            NULL                            | https://rp.example/cb      | rp.example
            NULL                            | https://rp.example:8443/cb | rp.example:8443
            ''                              | https://rp.example/cb      | rp.example
            """)
    void whenSectorIsDerivedThenTheSectorUriWinsElseTheRedirectHost(String sectorUri, String redirect,
                                                                    String sector) {
        assertThat(SubjectIdentifiers.sectorIdentifier(client("rp", "pairwise", sectorUri, redirect)))
                .isEqualTo(sector);
    }

    @Test
    void whenForcedSubjectIsGivenThenItWinsOverPublicAndPairwise() {
        // force_subject_identifier of the login accept body (docs/custom-idp.md §3).
        OAuth2Client pub = client("app", "public", null, "https://app.example/cb");
        OAuth2Client rp = client("rp", "pairwise", null, "https://rp.example/cb");

        assertThat(subjects.forClient(pub, "alice", "forced-1")).isEqualTo("forced-1");
        assertThat(subjects.forClient(rp, "alice", "forced-1")).isEqualTo("forced-1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void whenForcedSubjectIsEmptyThenItIsIgnored(String forced) {
        OAuth2Client rp = client("rp", "pairwise", null, "https://rp.example/cb");

        assertThat(subjects.forClient(rp, "alice", forced)).isEqualTo(subjects.forClient(rp, "alice", null));
    }
}
