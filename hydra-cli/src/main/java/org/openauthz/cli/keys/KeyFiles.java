package org.openauthz.cli.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.openauthz.cli.CliException;

/**
 * Reads the key files {@code hydra keys import} accepts: PEM encoded RSA or EC keys (public, private,
 * or certificates) and JSON Web Keys or Key Sets, and turns them into JWK JSON objects ready for the
 * admin API.
 *
 * <p>Keys without a {@code kid} get the naming the server's signers look for: a private key becomes
 * {@code private:<uuid>} and is accompanied by its public half {@code public:<uuid>} (the server
 * signs with the first {@code private:} key and publishes {@code public:} keys); a lone public key
 * becomes {@code public:<uuid>}.
 */
final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * @param use the {@code use} to set on keys that do not declare one
     * @param uuids source of key id suffixes (random in production, fixed in tests)
     */
    static List<Map<String, Object>> load(Path file, String use, Supplier<UUID> uuids) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("Could not load a key from " + file + ": no such file", e);
        } catch (IOException e) {
            throw new CliException("Could not load a key from " + file + ": " + e.getMessage(), e);
        }
        List<JWK> parsed = parse(file, content.strip());
        List<Map<String, Object>> keys = new ArrayList<>();
        for (JWK key : parsed) {
            if (key.getKeyID() != null && !key.getKeyID().isEmpty()) {
                keys.add(complete(key.toJSONObject(), key, use));
                continue;
            }
            String id = uuids.get().toString();
            if (key.isPrivate()) {
                keys.add(withKid(complete(key.toJSONObject(), key, use), "private:" + id));
                keys.add(withKid(complete(key.toPublicJWK().toJSONObject(), key, use), "public:" + id));
            } else {
                keys.add(withKid(complete(key.toJSONObject(), key, use), "public:" + id));
            }
        }
        return keys;
    }

    private static List<JWK> parse(Path file, String content) {
        if (content.startsWith("{")) {
            try {
                if (content.contains("\"keys\"")) {
                    JWKSet set = JWKSet.parse(content);
                    if (!set.getKeys().isEmpty()) {
                        return set.getKeys();
                    }
                }
                return List.of(JWK.parse(content));
            } catch (ParseException e) {
                throw new CliException("Could not load a key from " + file + ": not a valid JSON Web Key ("
                        + e.getMessage() + ")", e);
            }
        }
        if (content.contains("-----BEGIN")) {
            try {
                return List.of(JWK.parseFromPEMEncodedObjects(content));
            } catch (JOSEException | RuntimeException e) {
                throw new CliException("Could not load a key from " + file + ": not a supported PEM encoded RSA or EC key ("
                        + e.getMessage() + ")", e);
            }
        }
        throw new CliException("Could not load a key from " + file
                + ": the file was neither a PEM encoded public/private key nor a JSON Web Key");
    }

    private static Map<String, Object> complete(Map<String, Object> json, JWK key, String use) {
        Map<String, Object> completed = new LinkedHashMap<>(json);
        if (!completed.containsKey("use") && !completed.containsKey("key_ops") && use != null && !use.isEmpty()) {
            completed.put("use", use);
        }
        if (!completed.containsKey("alg")) {
            String alg = defaultAlgorithm(key);
            if (alg != null) {
                completed.put("alg", alg);
            }
        }
        return completed;
    }

    private static Map<String, Object> withKid(Map<String, Object> json, String kid) {
        json.put("kid", kid);
        return json;
    }

    /** The signing algorithm a key of this type is normally used with. */
    static String defaultAlgorithm(JWK key) {
        KeyType type = key.getKeyType();
        if (KeyType.RSA.equals(type)) {
            return "RS256";
        }
        if (KeyType.EC.equals(type)) {
            Curve curve = ((ECKey) key).getCurve();
            if (Curve.P_256.equals(curve)) {
                return "ES256";
            }
            if (Curve.P_384.equals(curve)) {
                return "ES384";
            }
            if (Curve.P_521.equals(curve)) {
                return "ES512";
            }
            if (Curve.SECP256K1.equals(curve)) {
                return "ES256K";
            }
            return null;
        }
        if (KeyType.OKP.equals(type)) {
            return Curve.Ed25519.equals(((OctetKeyPair) key).getCurve()) ? "EdDSA" : null;
        }
        if (KeyType.OCT.equals(type)) {
            return "HS256";
        }
        return null;
    }
}
