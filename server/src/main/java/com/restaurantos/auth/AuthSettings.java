package com.restaurantos.auth;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How tokens are verified.
 *
 * @param keys       where the keys come from
 * @param algorithms the only JWS algorithms accepted (pinned: a token naming another one is rejected)
 * @param issuer     nullable: when set, {@code iss} must equal it
 * @param audience   nullable: when set, {@code aud} must contain it
 * @param clockSkew  how far {@code exp} and {@code nbf} may be off
 */
public record AuthSettings(KeySource keys, Set<String> algorithms, String issuer, String audience,
                           Duration clockSkew) {
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Set<String> SUPPORTED = Set.of("HS256", "RS256", "ES256");

    public AuthSettings {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clockSkew, "clockSkew");
        algorithms = Set.copyOf(algorithms == null || algorithms.isEmpty() ? defaultAlgorithms(keys) : algorithms);
        for (String algorithm : algorithms) {
            if (!SUPPORTED.contains(algorithm)) {
                throw new IllegalArgumentException("JWT algorithm must be one of " + SUPPORTED + ", not " + algorithm);
            }
            boolean hmac = algorithm.startsWith("HS");
            if (hmac != keys instanceof KeySource.Secret) {
                throw new IllegalArgumentException(algorithm + (hmac ? " needs JWT_SECRET" : " needs JWT_PUBLIC_KEY or"
                        + " JWT_JWKS_URL") + ": a public key never verifies an HMAC token");
            }
        }
        if (keys instanceof KeySource.Key key && !algorithms.equals(Set.of(algorithmOf(key.key())))) {
            throw new IllegalArgumentException("JWT_PUBLIC_KEY is " + (key.key() instanceof RSAPublicKey ? "an RSA"
                    : "an EC") + " key: the algorithm must be " + algorithmOf(key.key()) + ", not " + algorithms);
        }
        if (keys instanceof KeySource.Secret secret && secret.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length < 32) {
            throw new IllegalArgumentException("JWT_SECRET must be at least 32 bytes (256 bits) for HS256");
        }
    }

    public static AuthSettings of(KeySource keys) {
        return new AuthSettings(keys, null, null, null, DEFAULT_CLOCK_SKEW);
    }

    /** HS256 for a secret; RS256 or ES256 after the kind of a public key; RS256 for a JWKS. */
    static Set<String> defaultAlgorithms(KeySource keys) {
        if (keys instanceof KeySource.Secret) {
            return Set.of("HS256");
        }
        if (keys instanceof KeySource.Key key) {
            return Set.of(algorithmOf(key.key()));
        }
        return Set.of("RS256");
    }

    private static String algorithmOf(PublicKey key) {
        if (key instanceof RSAPublicKey) {
            return "RS256";
        }
        if (key instanceof ECPublicKey) {
            return "ES256";
        }
        throw new IllegalArgumentException("JWT_PUBLIC_KEY must be an RSA or EC public key");
    }
}
