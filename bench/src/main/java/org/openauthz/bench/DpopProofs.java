package org.openauthz.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Date;
import java.util.UUID;

/**
 * One load thread's DPoP key and a fresh proof (RFC 9449 §4.2: new {@code jti}, current {@code iat}) for every
 * request, as a real client signs them; the server must verify each one. EdDSA is signed with the JDK's Ed25519.
 */
final class DpopProofs {
    @FunctionalInterface
    private interface Signer {
        String sign(JWTClaimsSet claims) throws Exception;
    }

    private final Signer signer;
    private final String htu;

    DpopProofs(String alg, String htu) throws Exception {
        this.htu = htu;
        this.signer = switch (alg) {
            case "ES256" -> {
                ECKey key = new ECKeyGenerator(Curve.P_256).generate();
                ECDSASigner ecdsa = new ECDSASigner(key);
                yield claims -> signed(JWSAlgorithm.ES256, key.toPublicJWK(), claims, ecdsa);
            }
            case "RS256" -> {
                RSAKey key = new RSAKeyGenerator(2048).generate();
                RSASSASigner rsa = new RSASSASigner(key);
                yield claims -> signed(JWSAlgorithm.RS256, key.toPublicJWK(), claims, rsa);
            }
            case "EdDSA" -> ed25519();
            default -> throw new IllegalArgumentException("proof algorithm ES256, RS256 or EdDSA, not " + alg);
        };
    }

    private static String signed(JWSAlgorithm alg, com.nimbusds.jose.jwk.JWK jwk, JWTClaimsSet claims,
                                 com.nimbusds.jose.JWSSigner signer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(new JOSEObjectType("dpop+jwt")).jwk(jwk).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static Signer ed25519() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519,
                Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length))).build();
        Base64URL header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("dpop+jwt")).jwk(jwk)
                .build().toBase64URL();
        return claims -> {
            String input = header + "." + Base64URL.encode(claims.toString());
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + Base64URL.encode(signature.sign());
        };
    }

    String next() throws Exception {
        return signer.sign(new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).claim("htm", "POST")
                .claim("htu", htu).issueTime(new Date()).build());
    }
}
