package org.openauthz.authz.oauth2.device;

import org.openauthz.authz.crypto.OpaqueTokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code device_challenge} that {@code /oauth2/device/verify} hands to the login app's device page: one visit of
 * one browser, sealed (HMAC under the system secret) with its expiry and the browser's source address, so that the
 * admin API, which sees only the login app, can count wrong user codes per visit and per source
 * (<a href="https://www.rfc-editor.org/rfc/rfc8628#section-5.1">RFC 8628 §5.1</a>). Nothing is stored for a
 * challenge until a wrong code is typed through it.
 */
public final class DeviceChallenges {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final OpaqueTokens tokens;
    private final SecureRandom random;
    private final Duration lifespan;
    private final Clock clock;

    public DeviceChallenges(OpaqueTokens tokens, SecureRandom random, Duration lifespan, Clock clock) {
        this.tokens = tokens;
        this.random = random;
        this.lifespan = lifespan;
        this.clock = clock;
    }

    /**
     * An opened challenge.
     *
     * @param key       what failures through this challenge are counted under
     * @param sourceKey what failures from its source address are counted under (a keyed hash, not the address)
     */
    public record Challenge(String key, String sourceKey) {
    }

    /** A new challenge for a browser at {@code sourceAddress}. */
    public String issue(String sourceAddress) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = clock.instant().plus(lifespan).getEpochSecond() + ":" + tokens.keyedHash(sourceAddress) + ":"
                + ENCODER.encodeToString(nonce);
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + tokens.keyedHash(payload);
    }

    /** Empty when the challenge is malformed, forged or expired. */
    public Optional<Challenge> open(String challenge) {
        if (challenge == null || challenge.length() > 300) {
            return Optional.empty();
        }
        int dot = challenge.indexOf('.');
        if (dot <= 0 || dot != challenge.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(DECODER.decode(challenge.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String mac = challenge.substring(dot + 1);
        if (!MessageDigest.isEqual(tokens.keyedHash(payload).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split(":");
        if (parts.length != 3 || !Instant.ofEpochSecond(Long.parseLong(parts[0])).isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Challenge(mac, parts[1]));
    }
}
