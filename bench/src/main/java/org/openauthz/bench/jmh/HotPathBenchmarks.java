package org.openauthz.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.openauthz.authz.client.SecretHasher;
import org.openauthz.authz.client.SecretVerifier;
import org.openauthz.authz.crypto.AeadCipher;
import org.openauthz.authz.crypto.OpaqueTokens;
import org.openauthz.authz.crypto.SystemSecrets;
import org.openauthz.authz.jwk.KeyGenerator;
import org.openauthz.authz.jwk.KeyService;
import org.openauthz.authz.oauth2.TokenResponse;
import org.openauthz.authz.oauth2.oidc.IdTokens;
import org.openauthz.authz.oauth2.token.SessionCodec;
import org.openauthz.authz.oauth2.token.TokenSession;
import org.openauthz.authz.persistence.memory.InMemoryDatabase;
import org.openauthz.authz.persistence.memory.InMemoryKeyStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pieces every token request pays for: secret verification (slow hash vs the verified-credential cache), token
 * minting and verification, ID token signing (RS256, 2048-bit), session sealing, JSON. Throughput per second, one
 * thread. Run with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HotPathBenchmarks {
    private static final String SECRET = "bench-secret-0123456789";

    private SecretHasher hasher;
    private SecretVerifier verifier;
    private String storedHash;
    private OpaqueTokens tokens;
    private String token;
    private IdTokens idTokens;
    private SessionCodec sessions;
    private ObjectMapper json;
    private TokenResponse response;
    private Map<String, Object> claims;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        SystemSecrets secrets = new SystemSecrets(List.of("a-benchmark-system-secret-0123456789"));
        hasher = new SecretHasher(25_000, random);
        storedHash = hasher.hash(SECRET);
        verifier = new SecretVerifier(hasher, random);
        verifier.verify("bench-client", SECRET, storedHash);
        tokens = new OpaqueTokens(secrets, random);
        token = tokens.mint().token();
        AeadCipher cipher = new AeadCipher(secrets, random);
        KeyService keys = new KeyService(new InMemoryKeyStore(new InMemoryDatabase()), cipher, new KeyGenerator(2048),
                Clock.systemUTC());
        keys.ensureSigningKey(KeyService.ID_TOKEN_SET, "RS256");
        idTokens = new IdTokens(keys, "http://127.0.0.1:9000/", Duration.ofHours(1), Clock.systemUTC());
        json = Jackson.newObjectMapper();
        sessions = new SessionCodec(json, cipher, true);
        response = new TokenResponse(token, 3600, null, null, "openid offline", "bearer");
        claims = Map.of("sub", "foo@bar.com", "auth_time", 1_700_000_000L, "sid", "3b1e8c2e-0000-4000-8000-000000000000");
    }

    @Benchmark
    public boolean secretVerificationPbkdf2() {
        return hasher.matches(SECRET, storedHash);
    }

    @Benchmark
    public boolean secretVerificationCached() {
        return verifier.verify("bench-client", SECRET, storedHash);
    }

    @Benchmark
    public OpaqueTokens.Minted tokenMint() {
        return tokens.mint();
    }

    @Benchmark
    public Object tokenVerify() {
        return tokens.verifiedSignature(token);
    }

    @Benchmark
    public String idTokenSignRs256() {
        return idTokens.sign("bench", claims, token, null);
    }

    @Benchmark
    public String sessionSeal() {
        return sessions.encode(new TokenSession(Map.of("foo", "bar"), claims, null));
    }

    @Benchmark
    public String tokenResponseJson() throws Exception {
        return json.writeValueAsString(response);
    }
}
