package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.PemPublicKeys;
import com.restaurantos.auth.SecretFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Turns the configuration into {@link AuthSettings}, making the secret file when no key is configured. */
final class Security {
    static final String MINT_HINT = "java -jar server/target/restaurant-os-realtime.jar token"
            + " --restaurant 11111111-1111-1111-1111-111111111111 --role manager --ttl 8h";

    private Security() {
    }

    static Path secretFile(AppConfig config) {
        return config.dataDir().resolve("jwt-secret");
    }

    /** @param notice told, once, where a generated secret was kept and how to mint a token */
    static AuthSettings authSettings(AppConfig config, Consumer<String> notice) {
        KeySource keys;
        try {
            if (config.jwtPublicKey() != null) {
                keys = new KeySource.Key(PemPublicKeys.read(config.jwtPublicKey()));
            } else if (config.jwtJwksUrl() != null) {
                keys = KeySource.Jwks.of(config.jwtJwksUrl());
            } else if (config.jwtSecret() != null) {
                keys = new KeySource.Secret(config.jwtSecret());
            } else {
                Path file = secretFile(config);
                SecretFile.Loaded loaded = SecretFile.loadOrCreate(file);
                notice.accept((loaded.generated() ? "No JWT_SECRET set: generated a secret into " + file
                        + " (mode 0600)." : "No JWT_SECRET set: using the secret of " + file + ".")
                        + " Mint a token with: " + MINT_HINT);
                keys = new KeySource.Secret(loaded.secret());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT key: " + e.getMessage(), e);
        }
        return new AuthSettings(keys, config.jwtAlgorithms(), config.jwtIssuer(), config.jwtAudience(),
                AuthSettings.DEFAULT_CLOCK_SKEW);
    }
}
