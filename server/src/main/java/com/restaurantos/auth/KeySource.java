package com.restaurantos.auth;

import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/** Where the keys that verify tokens come from: exactly one of these is configured. */
public sealed interface KeySource {

    /** A shared secret for HS256 ({@code JWT_SECRET}, or the generated {@code ./data/jwt-secret}). */
    record Secret(String value) implements KeySource {
        public Secret {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Secret[redacted]";
        }
    }

    /** One public key, RSA or EC ({@code JWT_PUBLIC_KEY}, a PEM file). */
    record Key(PublicKey key) implements KeySource {
        public Key {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A JWKS document, fetched when needed and cached ({@code JWT_JWKS_URL}). A token whose key id is not in the
     * cached set makes it fetch again, at most once per {@code minRefreshInterval} (zero: no limit), so keys can
     * be rotated without restarting.
     */
    record Jwks(URI url, Duration cacheTtl, Duration minRefreshInterval) implements KeySource {
        public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
        public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

        public Jwks {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
        }

        public static Jwks of(URI url) {
            return new Jwks(url, DEFAULT_CACHE_TTL, DEFAULT_MIN_REFRESH_INTERVAL);
        }
    }
}
