package com.restaurantos.app;

import com.restaurantos.engineio.EngineOptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {
    @Test
    void hasTheContractsDefaults() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(3001);
        assertThat(config.corsOrigins()).containsExactly("*");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.databaseUrl()).isNull();
        assertThat(config.jwtSecret()).isNull();
        assertThat(config.jwtAlgorithms()).isEmpty();
        assertThat(config.taxRate()).isEqualByComparingTo("0.07");
        assertThat(config.restaurantZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.rateLimitPerSecond()).isEqualTo(10);
        assertThat(config.restRateLimitPerSecond()).isEqualTo(50);
        assertThat(config.recoveryWindow()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(config.outboundMaxPackets()).isEqualTo(10_000);
        assertThat(config.outboundMaxBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.connectionLimits()).isEqualTo(new EngineOptions.Limits(100_000, 10_000, 200, 1_000));
        assertThat(config.maxRoomsPerSocket()).isEqualTo(32);
    }

    @Test
    void readsTheConnectionLimitsWithZeroForNone() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("MAX_CONNECTIONS", "0", "MAX_CONNECTIONS_PER_ADDRESS",
                "50", "HANDSHAKE_RATE_PER_ADDRESS", "0", "MAX_ROOMS_PER_SOCKET", "5"));

        assertThat(config.connectionLimits()).isEqualTo(new EngineOptions.Limits(0, 50, 0, 1));
        assertThat(config.maxRoomsPerSocket()).isEqualTo(5);
        assertThat(AppConfig.fromEnvironment(Map.of("HANDSHAKE_RATE_PER_ADDRESS", "20")).connectionLimits()
                .handshakeBurst()).as("five times the rate by default").isEqualTo(100);
        assertThat(AppConfig.fromEnvironment(Map.of("HANDSHAKE_RATE_PER_ADDRESS", "20",
                "HANDSHAKE_BURST_PER_ADDRESS", "3")).connectionLimits().handshakeBurst()).isEqualTo(3);
    }

    @Test
    void readsEverySetting() {
        AppConfig config = AppConfig.fromEnvironment(Map.ofEntries(
                Map.entry("HOST", "127.0.0.1"), Map.entry("PORT", "8080"),
                Map.entry("CORS_ORIGINS", "https://pos.example, https://kds.example"),
                Map.entry("DATA_DIR", "/var/lib/ros"),
                Map.entry("DATABASE_URL", "jdbc:postgresql://db:5432/ros"), Map.entry("DATABASE_USER", "ros"),
                Map.entry("DATABASE_PASSWORD", "pw"), Map.entry("DATABASE_POOL_SIZE", "20"),
                Map.entry("JWT_JWKS_URL", "https://auth.example/.well-known/jwks.json"),
                Map.entry("JWT_ALGORITHM", "rs256,ES256"), Map.entry("JWT_ISSUER", "https://auth.example"),
                Map.entry("JWT_AUDIENCE", "ros"), Map.entry("TAX_RATE", "8.25%"),
                Map.entry("RESTAURANT_TIMEZONE", "America/Chicago"), Map.entry("RATE_LIMIT_PER_SECOND", "5"),
                Map.entry("REST_RATE_LIMIT_PER_SECOND", "0"), Map.entry("RECOVERY_WINDOW_SECONDS", "5"),
                Map.entry("OUTBOUND_MAX_PACKETS", "100"), Map.entry("OUTBOUND_MAX_BYTES", "65536")));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.corsOrigins()).containsExactly("https://pos.example", "https://kds.example");
        assertThat(config.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/ros");
        assertThat(config.databasePoolSize()).isEqualTo(20);
        assertThat(config.jwtJwksUrl()).isEqualTo(URI.create("https://auth.example/.well-known/jwks.json"));
        assertThat(config.jwtAlgorithms()).isEqualTo(Set.of("RS256", "ES256"));
        assertThat(config.taxRate()).isEqualByComparingTo(new BigDecimal("0.0825"));
        assertThat(config.restaurantZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(config.restRateLimitPerSecond()).isZero();
        assertThat(config.recoveryWindow()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(config.outboundMaxPackets()).isEqualTo(100);
        assertThat(config.outboundMaxBytes()).isEqualTo(65_536);
    }

    @Test
    void refusesBadValuesSayingWhichSetting() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("PORT", "70000"), Map.entry("TAX_RATE", "7"),
                Map.entry("TAX_RATE", "seven"), Map.entry("RESTAURANT_TIMEZONE", "Mars/Olympus"),
                Map.entry("JWT_JWKS_URL", "ftp://x"), Map.entry("DATABASE_POOL_SIZE", "0"),
                Map.entry("RECOVERY_WINDOW_SECONDS", "0"), Map.entry("OUTBOUND_MAX_PACKETS", "-1"),
                Map.entry("OUTBOUND_MAX_BYTES", "10"), Map.entry("MAX_CONNECTIONS", "-1"),
                Map.entry("MAX_CONNECTIONS_PER_ADDRESS", "many"), Map.entry("HANDSHAKE_RATE_PER_ADDRESS", "-5"),
                Map.entry("HANDSHAKE_BURST_PER_ADDRESS", "0"), Map.entry("MAX_ROOMS_PER_SOCKET", "4"),
                Map.entry("MAX_ROOMS_PER_SOCKET", "0"))) {
            assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(bad.getKey(), bad.getValue())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void refusesTwoSourcesOfJwtKeys() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("JWT_SECRET", "s".repeat(40),
                "JWT_PUBLIC_KEY", "/etc/key.pem"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesSecretsOutOfItsText() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("JWT_SECRET", "super-secret-value-1234567890-abcdef",
                "DATABASE_URL", "jdbc:postgresql://db/ros?password=hunter2", "DATABASE_PASSWORD", "hunter3"));

        assertThat(config.toString()).doesNotContain("super-secret", "hunter2", "hunter3");
    }
}
