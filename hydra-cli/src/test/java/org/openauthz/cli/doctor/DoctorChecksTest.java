package org.openauthz.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openauthz.admin.client.model.OAuth2Client;

/** The thresholds of decision 0024 at their edges; {@code DoctorCommandIT} runs the checks against real servers. */
class DoctorChecksTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void whenTheHostIsThisMachineThenItIsLoopbackWithoutResolvingAnything() {
        for (String host : List.of("localhost", "LOCALHOST", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]")) {
            assertTrue(LoopbackHost.is(host), host);
        }
        for (String host : List.of("auth.example.com", "10.0.0.1", "128.0.0.1", "localhost.example.com", "")) {
            assertFalse(LoopbackHost.is(host), host);
        }
        assertFalse(LoopbackHost.is(null));
    }

    @Test
    void whenASecretIsRandomBase64OfFortyCharactersThenNoFindingAndHexOfThirtyTwoIsMedium() {
        String random = "q8V2zR7mW4xK9pL3sN6tB1yH5cJ0dF8gA2eU7iO4";
        assertEquals(List.of(), SecretChecks.check("secrets.system", List.of(random)));

        List<Finding> hex = SecretChecks.check("secrets.system", List.of("034f9d2237c2d1a3c05afc18cfd4f7f5"));
        assertEquals(1, hex.size());
        assertEquals(Severity.MEDIUM, hex.get(0).severity());
        assertFalse(hex.get(0).what().contains("034f9d"), "the secret was printed");
    }

    @Test
    void whenAResponseTypeHoldsTokenWithoutTheImplicitGrantThenNoImplicitFinding() {
        // The server never answers "token" to a client without the implicit grant.
        OAuth2Client service = new OAuth2Client().clientId("service").grantTypes(List.of("client_credentials"))
                .responseTypes(List.of("token"));

        assertEquals(List.of(), new ClientChecks(true, NOW).check(service));
    }

    @Test
    void whenTheSecretExpiresLaterOrNeverThenNoFinding() {
        OAuth2Client later = new OAuth2Client().clientId("later")
                .clientSecretExpiresAt(NOW.plusSeconds(60).getEpochSecond());
        OAuth2Client never = new OAuth2Client().clientId("never").clientSecretExpiresAt(0L);

        assertEquals(List.of(), new ClientChecks(true, NOW).check(later));
        assertEquals(List.of(), new ClientChecks(true, NOW).check(never));
    }

    @Test
    void whenTheWorstFindingIsInfoThenExitZeroLowOrMediumTwoHighThree() {
        Finding info = new Finding(Severity.INFO, "c", "s", "w", "r", "f");
        Finding low = new Finding(Severity.LOW, "c", "s", "w", "r", "f");
        Finding high = new Finding(Severity.HIGH, "c", "s", "w", "r", "f");

        assertEquals(0, new DoctorReport(List.of(), 0).exitCode());
        assertEquals(0, new DoctorReport(List.of(info), 0).exitCode());
        assertEquals(2, new DoctorReport(List.of(info, low), 0).exitCode());
        assertEquals(3, new DoctorReport(List.of(low, high), 0).exitCode());
    }
}
