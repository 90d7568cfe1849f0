package org.openauthz.authz.api;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openauthz.authz.consent.MutableClock;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.jwk.KeySetSigner;
import org.openauthz.authz.testing.Concurrently;
import org.openauthz.authz.testing.Replicas;
import org.openauthz.authz.testing.TestServer;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.openauthz.authz.api.ApiFixtures.accessToken;
import static org.openauthz.authz.api.ApiFixtures.createClientCredentialsClient;
import static org.openauthz.authz.api.ApiFixtures.uniqueId;

/**
 * Scheduled key rotation (decision 0021) over a simulated week, on two replicas sharing one PostgreSQL and one clock
 * the test moves in 15-minute steps. At every step both replicas run their rotation check at the same moment and
 * each issues a JWT access token and signs an ID token; two relying parties, each caching one replica's JWKS for an
 * hour with Nimbus's {@link CachingJWKSetSource} and never refreshing early (stricter than Nimbus's
 * {@code RemoteJWKSet}, which also refreshes when it meets an unknown {@code kid}), verify every token that has not
 * yet expired. None may fail; every set gets exactly one new key a day (never two), and never holds more than the
 * signer, its predecessor or its pre-published successor.
 */
class KeyRotationIT {
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration INTERVAL = Duration.ofHours(24);
    private static final Duration TOKEN_LIFESPAN = Duration.ofHours(1);
    private static final Duration RP_CACHE = Duration.ofHours(1);
    private static final List<String> SETS = List.of(KeyService.ID_TOKEN_SET, KeyService.ACCESS_TOKEN_SET);

    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static Replicas cluster;
    private static List<TestServer> replicas;

    private record Issued(String jwt, Instant expiresAt, String what) {
    }

    @BeforeAll
    static void twoReplicasOnOneClock() {
        cluster = Replicas.start(2, Map.of("strategies.access_token", "jwt",
                "ttl.access_token", "1h", "ttl.id_token", "1h",
                "keys.rotation.interval", "24h", "keys.rotation.prepublish", "6h"), CLOCK);
        replicas = cluster.all();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void whenKeysRotateDailyForAWeekThenCachingRelyingPartiesVerifyEveryTokenAndNoRotationHappensTwice()
            throws Exception {
        long started = System.nanoTime();
        Instant start = CLOCK.instant();
        String client = createClientCredentialsClient(replicas.get(0), uniqueId("rotation-week"), "the-secret", null);
        List<CachingRelyingParty> relyingParties = replicas.stream().map(r -> new CachingRelyingParty(
                r.publicUrl("/.well-known/jwks.json"), CLOCK)).toList();
        List<Issued> live = new ArrayList<>();
        Map<String, Map<String, Instant>> everyKey = new TreeMap<>();
        int verified = 0;

        while (CLOCK.instant().isBefore(start.plus(WEEK))) {
            CLOCK.advance(STEP);
            Concurrently.run(replicas.size(), i -> {
                replicas.get(i).context().keyRotation().runDue();
                return null;
            });
            for (TestServer replica : replicas) {
                live.add(new Issued(accessToken(replica, client, "the-secret"),
                        CLOCK.instant().plus(TOKEN_LIFESPAN), "access token"));
                live.add(new Issued(idToken(replica), CLOCK.instant().plus(TOKEN_LIFESPAN), "ID token"));
            }
            live.removeIf(token -> !CLOCK.instant().isBefore(token.expiresAt()));
            for (CachingRelyingParty rp : relyingParties) {
                for (Issued token : live) {
                    rp.verify(token);
                    verified++;
                }
            }
            recordKeys(everyKey);
        }

        for (String set : SETS) {
            List<Instant> useFrom = everyKey.get(set).values().stream().sorted().toList();
            assertThat(useFrom).as("the first key and one new key a day in %s", set).hasSize(8);
            for (int i = 1; i < useFrom.size(); i++) {
                assertThat(Duration.between(useFrom.get(i - 1), useFrom.get(i))).as("set %s, key %d", set, i)
                        .isEqualTo(INTERVAL);
            }
        }
        System.out.printf("key rotation: a simulated week in %d steps, %d token verifications without a failure, "
                + "in %.1f s%n", WEEK.dividedBy(STEP), verified, (System.nanoTime() - started) / 1e9);
    }

    private static String idToken(TestServer replica) {
        Instant now = CLOCK.instant();
        return new KeySetSigner(replica.context().keys(), KeyService.ID_TOKEN_SET).sign(Map.of("iss",
                replica.issuer(), "sub", "alice", "aud", "rotation-week", "iat", now.getEpochSecond(), "exp",
                now.plus(TOKEN_LIFESPAN).getEpochSecond()), JOSEObjectType.JWT);
    }

    /** Every key each set holds now, into {@code into}; and no set ever holds more than two keys. */
    private static void recordKeys(Map<String, Map<String, Instant>> into) {
        for (String set : SETS) {
            Map<String, Instant> now = cluster.database().jdbi().withHandle(h -> h.createQuery(
                            "SELECT kid, coalesce(use_from, created_at) AS use_from FROM hydra_jwk WHERE sid = :sid")
                    .bind("sid", set)
                    .reduceRows(new TreeMap<String, Instant>(), (map, row) -> {
                        map.put(row.getColumn("kid", String.class),
                                row.getColumn("use_from", java.sql.Timestamp.class).toInstant());
                        return map;
                    }));
            assertThat(now).as("keys of %s at %s", set, CLOCK.instant()).hasSizeBetween(1, 2);
            into.computeIfAbsent(set, s -> new TreeMap<>()).putAll(now);
        }
    }

    /**
     * A relying party that fetches a JWKS and keeps it for {@link #RP_CACHE} of the test's clock, whatever it meets.
     */
    private static final class CachingRelyingParty {
        private final CachingJWKSetSource<SecurityContext> cache;
        private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        private final Clock clock;

        CachingRelyingParty(String jwksUrl, Clock clock) {
            this.clock = clock;
            try {
                this.cache = new CachingJWKSetSource<>(new URLBasedJWKSetSource<>(URI.create(jwksUrl).toURL(),
                        new DefaultResourceRetriever(2000, 2000)), RP_CACHE.toMillis(), 2000, null);
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
            JWKSource<SecurityContext> source = (selector, context) -> selector.select(
                    cachedSet(context));
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
            processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, Set.of("exp")) {
                @Override
                protected Date currentTime() {
                    return Date.from(clock.instant());
                }
            });
        }

        private JWKSet cachedSet(SecurityContext context) throws com.nimbusds.jose.KeySourceException {
            return cache.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), context);
        }

        void verify(Issued token) {
            try {
                processor.process(token.jwt(), null);
            } catch (Exception e) {
                fail("a relying party refused an unexpired %s at %s: %s", token.what(), clock.instant(), e);
            }
        }
    }
}
