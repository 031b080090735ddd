package dev.godwit.dialect.libsql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key pair that mints JWTs for sqld's {@code --auth-jwt-key-file}, with the JDK only.
 *
 * <p>sqld takes the public key as the 32 raw key bytes in URL-safe base64 (or as a PEM public key); the JDK encodes
 * Ed25519 public keys as X.509 SubjectPublicKeyInfo, whose last 32 bytes are the raw key.
 */
public final class TestJwt {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final String publicKey;

    private TestJwt(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        byte[] spki = pair.getPublic().getEncoded();
        this.publicKey = B64URL.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    public static TestJwt generate() {
        try {
            return new TestJwt(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as sqld reads it from its key file. */
    public String publicKey() {
        return publicKey;
    }

    /** A read-write token valid for an hour. */
    public String fullAccessToken() {
        return token("{\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
    }

    /** A read-only token ({@code "a":"ro"}) valid for an hour. */
    public String readOnlyToken() {
        return token("{\"a\":\"ro\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}");
    }

    /** A token that expired an hour ago. */
    public String expiredToken() {
        return token("{\"exp\":" + Instant.now().minusSeconds(3600).getEpochSecond() + "}");
    }

    String token(String claimsJson) {
        String header = B64URL.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = B64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + claims;
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
