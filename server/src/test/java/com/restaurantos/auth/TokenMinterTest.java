package com.restaurantos.auth;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenMinterTest {
    private final AuthSettings settings = AuthSettings.of(new KeySource.Secret(Tokens.SECRET));

    @Test
    void mintsTokensTheVerifierAccepts() {
        String token = new TokenMinter(settings, Clock.systemUTC()).mint("kds-1", "kitchen", Tokens.RESTAURANT,
                List.of(Tokens.OTHER), List.of(), Duration.ofHours(8));

        Principal principal = new TokenVerifier(settings).verify(token);

        assertThat(principal.subject()).isEqualTo("kds-1");
        assertThat(principal.role()).isEqualTo(Role.KITCHEN);
        assertThat(principal.restaurants()).containsExactlyInAnyOrder(Tokens.RESTAURANT, Tokens.OTHER);
        assertThat(principal.scopes()).isEqualTo(Role.KITCHEN.defaultScopes());
        assertThat(principal.expiresAt()).isBetween(Instant.now().plus(Duration.ofHours(8)).minusSeconds(60),
                Instant.now().plus(Duration.ofHours(8)));
    }

    @Test
    void writesTheScopesItIsGiven() {
        String token = new TokenMinter(settings, Clock.systemUTC()).mint("u", "kitchen", Tokens.RESTAURANT,
                List.of(), List.of("orders:read"), Duration.ofMinutes(5));

        assertThat(new TokenVerifier(settings).verify(token).scopes()).containsExactly(Scope.ORDERS_READ);
    }

    @Test
    void mintsExpiredTokensThatTheVerifierRefuses() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), java.time.ZoneOffset.UTC);
        String token = new TokenMinter(settings, anHourAgo).mint("u", "server", Tokens.RESTAURANT, List.of(),
                List.of(), Duration.ofMinutes(5));

        assertThatThrownBy(() -> new TokenVerifier(settings).verify(token)).hasMessage("token expired");
    }

    @Test
    void cannotMintWithoutTheSecret() throws Exception {
        AuthSettings publicKey = AuthSettings.of(new KeySource.Key(
                new RSAKeyGenerator(2048).generate().toRSAPublicKey()));

        assertThatThrownBy(() -> new TokenMinter(publicKey, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatesTheSecretFileOnceReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("jwt-secret");

        SecretFile.Loaded first = SecretFile.loadOrCreate(file);
        SecretFile.Loaded second = SecretFile.loadOrCreate(file);

        assertThat(first.generated()).isTrue();
        assertThat(second.generated()).isFalse();
        assertThat(second.secret()).isEqualTo(first.secret()).hasSize(43);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(AuthSettings.of(new KeySource.Secret(first.secret())).algorithms()).containsExactly("HS256");
    }
}
