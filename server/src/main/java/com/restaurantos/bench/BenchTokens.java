package com.restaurantos.bench;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Mints the generator's tokens with the server's HS256 secret, as the {@code token} command does. */
final class BenchTokens {
    /** Longer than any scenario but the soak, which asks for its own. */
    static final Duration TTL = Duration.ofHours(2);

    private final TokenMinter minter;
    private final Duration ttl;

    BenchTokens(String secret, Map<String, String> env, Duration ttl) {
        this.ttl = ttl;
        String issuer = blankToNull(env.get("JWT_ISSUER"));
        String audience = blankToNull(env.get("JWT_AUDIENCE"));
        this.minter = new TokenMinter(new AuthSettings(new KeySource.Secret(secret), Set.of(), issuer, audience,
                AuthSettings.DEFAULT_CLOCK_SKEW), Clock.systemUTC());
    }

    /**
     * The secret: the {@code --secret} option, else {@code JWT_SECRET}, else the file the server generated
     * ({@code $DATA_DIR/jwt-secret}, default {@code ./data/jwt-secret}).
     */
    static String secret(String option, Map<String, String> env) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        String fromEnv = blankToNull(env.get("JWT_SECRET"));
        if (fromEnv != null) {
            return fromEnv;
        }
        Path file = Path.of(env.getOrDefault("DATA_DIR", "./data")).resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("no secret: give --secret, set JWT_SECRET, or run where the server's "
                + file + " is");
    }

    /** A kitchen display of the restaurant: may join it and read its orders. */
    String subscriber(UUID restaurant) {
        return minter.mint("bench-kds", "kitchen", restaurant, List.of(), List.of(), ttl);
    }

    /** A manager of the restaurant: creates orders and moves them through their statuses over REST. */
    String writer(UUID restaurant) {
        return minter.mint("bench-pos-" + restaurant, "manager", restaurant, List.of(), List.of(), ttl);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
