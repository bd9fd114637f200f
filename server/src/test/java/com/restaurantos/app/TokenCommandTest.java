package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.Principal;
import com.restaurantos.auth.Role;
import com.restaurantos.auth.Scope;
import com.restaurantos.auth.TokenVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCommandTest {
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final UUID RESTAURANT = UUID.fromString("11111111-1111-1111-1111-111111111111");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        TokenCommand command = new TokenCommand();
        command.env = env;
        CommandLine cli = new CommandLine(command);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsOnlyATokenTheServerAccepts() {
        Run run = run(Map.of("JWT_SECRET", SECRET), "--restaurant", RESTAURANT.toString(), "--role", "kitchen",
                "--ttl", "8h", "--sub", "kds-1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\R");
        Principal principal = new TokenVerifier(AuthSettings.of(new KeySource.Secret(SECRET))).verify(run.out().strip());
        assertThat(principal.subject()).isEqualTo("kds-1");
        assertThat(principal.role()).isEqualTo(Role.KITCHEN);
        assertThat(principal.restaurants()).containsExactly(RESTAURANT);
        assertThat(principal.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(7)));
    }

    @Test
    void writesScopesAndSeveralRestaurants() {
        UUID other = UUID.randomUUID();
        Run run = run(Map.of("JWT_SECRET", SECRET), "--restaurant", RESTAURANT.toString(), "--restaurants",
                other.toString(), "--scope", "orders:read,orders:status", "--ttl", "30m");

        Principal principal = new TokenVerifier(AuthSettings.of(new KeySource.Secret(SECRET))).verify(run.out().strip());
        assertThat(principal.restaurants()).containsExactlyInAnyOrder(RESTAURANT, other);
        assertThat(principal.scopes()).containsExactlyInAnyOrder(Scope.ORDERS_READ, Scope.ORDERS_STATUS);
    }

    @Test
    void generatesTheSecretWhenNoneIsConfiguredAndTellsOnStderr(@TempDir Path dir) throws Exception {
        Run run = run(Map.of("DATA_DIR", dir.toString()), "--restaurant", RESTAURANT.toString());

        Path secret = dir.resolve("jwt-secret");
        assertThat(secret).exists();
        assertThat(run.out().strip()).doesNotContain(" ");
        assertThat(run.err()).contains("generated a secret", "token --restaurant");
        String key = Files.readString(secret).strip();
        assertThat(new TokenVerifier(AuthSettings.of(new KeySource.Secret(key))).verify(run.out().strip()).role())
                .isEqualTo(Role.MANAGER);
    }

    @Test
    void readsDurations() {
        assertThat(TokenCommand.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.duration("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(TokenCommand.duration("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(TokenCommand.duration("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> TokenCommand.duration("soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
