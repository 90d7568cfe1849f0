package org.openauthz.cli.doctor;

import org.openauthz.admin.client.model.JSONWebKey;
import org.openauthz.admin.client.model.JSONWebKeySet;
import org.openauthz.authz.config.ServerSettings;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the signing key sets the server uses, as the admin API shows them. The admin API, like Hydra's, gives no key
 * a creation date, so a key's age cannot be checked from here (decision 0024); what can: keys too small, keys that no
 * longer sign while nothing retires them, and a JWT access-token set nothing signs with.
 */
final class KeyChecks {
    static final String ID_TOKEN_SET = "hydra.openid.id-token";
    static final String ACCESS_TOKEN_SET = "hydra.jwt.access-token";
    /** RFC 7518 §3.3: "A key of size 2048 bits or larger MUST be used" with RS256. */
    static final int MIN_RSA_BITS = 2048;

    private final ServerSettings settings;

    KeyChecks(ServerSettings settings) {
        this.settings = settings;
    }

    /**
     * @param sets the key sets by name, as the admin API answers them (empty: no such set)
     */
    List<Finding> check(Function<String, Optional<JSONWebKeySet>> sets) {
        List<Finding> findings = new ArrayList<>();
        boolean rotationOn = !settings.keyRotation().interval().isZero();
        signingSet(findings, ID_TOKEN_SET, sets.apply(ID_TOKEN_SET), rotationOn);
        Optional<JSONWebKeySet> accessTokenSet = sets.apply(ACCESS_TOKEN_SET);
        if (settings.jwtAccessTokens().enabled()) {
            signingSet(findings, ACCESS_TOKEN_SET, accessTokenSet, rotationOn);
        } else if (!keys(accessTokenSet).isEmpty()) {
            findings.add(new Finding(Severity.LOW, "unused-key-set", "keys:" + ACCESS_TOKEN_SET, "holds "
                    + keys(accessTokenSet).size() + " key(s) but access tokens are opaque (strategies.access_token), "
                    + "so nothing signs with them while their private keys stay stored", "RFC 7517 §7",
                    "hydra keys delete " + ACCESS_TOKEN_SET + ", unless you mean to switch to JWT access tokens"));
        }
        return findings;
    }

    private static void signingSet(List<Finding> findings, String name, Optional<JSONWebKeySet> set,
                                   boolean rotationOn) {
        String subject = "keys:" + name;
        List<JSONWebKey> signers = keys(set).stream()
                .filter(k -> "RSA".equals(k.getKty()) && k.getD() != null && !"enc".equals(k.getUse())).toList();
        for (JSONWebKey key : signers) {
            int bits = modulusBits(key);
            if (bits > 0 && bits < MIN_RSA_BITS) {
                findings.add(new Finding(Severity.MEDIUM, "weak-signing-key", subject, "key " + key.getKid()
                        + " is RSA " + bits + " bits, below the " + MIN_RSA_BITS + " bits RS256 requires",
                        "RFC 7518 §3.3", "hydra keys rotate " + name + " (new keys are RSA "
                        + MIN_RSA_BITS + " or more), then delete the small key once its tokens have expired"));
            }
        }
        if (!rotationOn && signers.size() > 1) {
            findings.add(new Finding(Severity.INFO, "unused-signing-keys", subject, "holds " + signers.size()
                    + " RSA signing keys; only the newest signs, the older ones only verify tokens they signed before",
                    "OpenID Connect Core §10.1.1", "once those tokens have expired, delete the older keys through the "
                    + "admin API (DELETE /keys/" + name + "/<kid>), or set KEYS_ROTATION_INTERVAL, which retires them "
                    + "for you"));
        }
    }

    private static List<JSONWebKey> keys(Optional<JSONWebKeySet> set) {
        return set.map(JSONWebKeySet::getKeys).orElse(List.of());
    }

    private static int modulusBits(JSONWebKey key) {
        try {
            return key.getN() == null ? 0 : new BigInteger(1, Base64.getUrlDecoder().decode(key.getN())).bitLength();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }
}
