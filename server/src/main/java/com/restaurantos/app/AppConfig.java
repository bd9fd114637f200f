package com.restaurantos.app;

import com.restaurantos.engineio.EngineOptions;
import com.restaurantos.realtime.RealtimeSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of contract section 1 (and a few more), read once from the environment. Nothing else reads it.
 *
 * @param host                   bind address ({@code HOST}, default 0.0.0.0)
 * @param port                   HTTP and Socket.IO port ({@code PORT}, default 3001)
 * @param corsOrigins            origins allowed to use HTTP long-polling and the REST API ({@code CORS_ORIGINS},
 *                               default any)
 * @param dataDir                where the embedded database and the generated JWT secret live ({@code DATA_DIR},
 *                               default {@code ./data})
 * @param databaseUrl            nullable: the embedded H2 database; else a JDBC URL ({@code DATABASE_URL})
 * @param databaseUser           {@code DATABASE_USER}
 * @param databasePassword       {@code DATABASE_PASSWORD}
 * @param databasePoolSize       {@code DATABASE_POOL_SIZE}, default 10
 * @param jwtSecret              nullable: {@code JWT_SECRET} (HS256)
 * @param jwtPublicKey           nullable: {@code JWT_PUBLIC_KEY}, a PEM file (RS256/ES256)
 * @param jwtJwksUrl             nullable: {@code JWT_JWKS_URL} (RS256/ES256)
 * @param jwtAlgorithms          {@code JWT_ALGORITHM} (comma list); empty: after the key
 * @param jwtIssuer              nullable: {@code JWT_ISSUER}
 * @param jwtAudience            nullable: {@code JWT_AUDIENCE}
 * @param taxRate                {@code TAX_RATE}: {@code 0.07} or {@code 7%}, default 7 %
 * @param restaurantZone         {@code RESTAURANT_TIMEZONE}, default UTC: the business day of order numbers
 * @param rateLimitPerSecond     {@code RATE_LIMIT_PER_SECOND}, default 10: events per socket per event name
 * @param overdueWarning         {@code OVERDUE_WARNING_MINUTES}, default 15: an order still active this long
 *                               after creation raises a warning kitchen alert
 * @param overdueUrgent          {@code OVERDUE_URGENT_MINUTES}, default 20: ... and then an urgent one
 * @param restRateLimitPerSecond {@code REST_RATE_LIMIT_PER_SECOND}, default 50: REST requests per second per
 *                               token subject, restaurant and route (0: none)
 * @param recoveryWindow         {@code RECOVERY_WINDOW_SECONDS}, default 120: how long a disconnected socket's
 *                               session and the events it misses are kept for connection state recovery
 * @param outboundMaxPackets     {@code OUTBOUND_MAX_PACKETS}, default 10000: packets that may wait for a client
 *                               that does not read before its connection is closed
 * @param outboundMaxBytes       {@code OUTBOUND_MAX_BYTES}, default 16 MiB: the same limit in bytes
 * @param maxConnections         {@code MAX_CONNECTIONS}, default 100000: Socket.IO connections at once (0: none)
 * @param maxConnectionsPerAddress {@code MAX_CONNECTIONS_PER_ADDRESS}, default 10000: connections at once from one
 *                               client IP address (0: none); generous, as a restaurant's screens share one NAT address
 * @param handshakeRatePerAddress {@code HANDSHAKE_RATE_PER_ADDRESS}, default 200: new connections per second from
 *                               one client IP address, on average (0: none)
 * @param handshakeBurstPerAddress {@code HANDSHAKE_BURST_PER_ADDRESS}, default five times the rate: new connections
 *                               one address may open at once before the rate applies (the screens behind one NAT
 *                               coming back after a restart)
 * @param maxRoomsPerSocket      {@code MAX_ROOMS_PER_SOCKET}, default 32, at least 5: rooms a socket may be in, its
 *                               own included (a screen uses at most 8: its own, the restaurant's, two of the
 *                               server's and four stations)
 */
record AppConfig(String host, int port, List<String> corsOrigins, Path dataDir, String databaseUrl,
                 String databaseUser, String databasePassword, int databasePoolSize, String jwtSecret,
                 Path jwtPublicKey, URI jwtJwksUrl, Set<String> jwtAlgorithms, String jwtIssuer, String jwtAudience,
                 BigDecimal taxRate, ZoneId restaurantZone, int rateLimitPerSecond, int restRateLimitPerSecond,
                 Duration overdueWarning, Duration overdueUrgent, Duration recoveryWindow, int outboundMaxPackets,
                 long outboundMaxBytes, int maxConnections, int maxConnectionsPerAddress, int handshakeRatePerAddress,
                 int handshakeBurstPerAddress, int maxRoomsPerSocket) {

    static AppConfig fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("HOST", "0.0.0.0");
        int port = parseInt("PORT", env.getOrDefault("PORT", "3001"), 0, 65535);
        List<String> origins = list(env.getOrDefault("CORS_ORIGINS", "*"));
        String secret = blankToNull(env.get("JWT_SECRET"));
        String publicKey = blankToNull(env.get("JWT_PUBLIC_KEY"));
        String jwks = blankToNull(env.get("JWT_JWKS_URL"));
        long keySources = java.util.stream.Stream.of(secret, publicKey, jwks).filter(v -> v != null).count();
        if (keySources > 1) {
            throw new IllegalArgumentException("set only one of JWT_SECRET, JWT_PUBLIC_KEY and JWT_JWKS_URL");
        }
        int handshakeRate = parseInt("HANDSHAKE_RATE_PER_ADDRESS", env.getOrDefault("HANDSHAKE_RATE_PER_ADDRESS",
                "200"), 0, 1_000_000);
        return new AppConfig(host, port, origins.isEmpty() ? List.of("*") : origins,
                Path.of(env.getOrDefault("DATA_DIR", "./data")),
                blankToNull(env.get("DATABASE_URL")), blankToNull(env.get("DATABASE_USER")),
                env.get("DATABASE_PASSWORD"),
                parseInt("DATABASE_POOL_SIZE", env.getOrDefault("DATABASE_POOL_SIZE", "10"), 1, 200),
                secret, publicKey == null ? null : Path.of(publicKey), jwks == null ? null : uri(jwks),
                new LinkedHashSet<>(list(env.getOrDefault("JWT_ALGORITHM", "")).stream()
                        .map(String::toUpperCase).toList()),
                blankToNull(env.get("JWT_ISSUER")), blankToNull(env.get("JWT_AUDIENCE")),
                taxRate(env.getOrDefault("TAX_RATE", "0.07")),
                zone(env.getOrDefault("RESTAURANT_TIMEZONE", "UTC")),
                parseInt("RATE_LIMIT_PER_SECOND", env.getOrDefault("RATE_LIMIT_PER_SECOND", "10"), 1, 1_000_000),
                parseInt("REST_RATE_LIMIT_PER_SECOND", env.getOrDefault("REST_RATE_LIMIT_PER_SECOND", "50"), 0,
                        1_000_000),
                Duration.ofMinutes(parseInt("OVERDUE_WARNING_MINUTES",
                        env.getOrDefault("OVERDUE_WARNING_MINUTES", "15"), 1, 24 * 60)),
                Duration.ofMinutes(parseInt("OVERDUE_URGENT_MINUTES",
                        env.getOrDefault("OVERDUE_URGENT_MINUTES", "20"), 1, 24 * 60)),
                Duration.ofSeconds(parseInt("RECOVERY_WINDOW_SECONDS",
                        env.getOrDefault("RECOVERY_WINDOW_SECONDS", "120"), 1, 24 * 60 * 60)),
                parseInt("OUTBOUND_MAX_PACKETS", env.getOrDefault("OUTBOUND_MAX_PACKETS", "10000"), 1, 10_000_000),
                parseInt("OUTBOUND_MAX_BYTES", env.getOrDefault("OUTBOUND_MAX_BYTES", String.valueOf(16 * 1024 * 1024)),
                        1024, Integer.MAX_VALUE),
                parseInt("MAX_CONNECTIONS", env.getOrDefault("MAX_CONNECTIONS", "100000"), 0, 100_000_000),
                parseInt("MAX_CONNECTIONS_PER_ADDRESS", env.getOrDefault("MAX_CONNECTIONS_PER_ADDRESS", "10000"), 0,
                        100_000_000),
                handshakeRate,
                parseInt("HANDSHAKE_BURST_PER_ADDRESS", env.getOrDefault("HANDSHAKE_BURST_PER_ADDRESS",
                        String.valueOf(Math.max(1, 5 * handshakeRate))), 1, 5_000_000),
                // Fewer than 5 would refuse a screen joining one station with batching; see enter().
                parseInt("MAX_ROOMS_PER_SOCKET", env.getOrDefault("MAX_ROOMS_PER_SOCKET", "32"), 5, 100_000));
    }

    /** The engine's limits of connections, as the settings name them. */
    EngineOptions.Limits connectionLimits() {
        return new EngineOptions.Limits(maxConnections, maxConnectionsPerAddress, handshakeRatePerAddress,
                handshakeBurstPerAddress);
    }

    /** The settings of the real-time layer. */
    RealtimeSettings realtime() {
        RealtimeSettings defaults = RealtimeSettings.defaults();
        return new RealtimeSettings(rateLimitPerSecond, defaults.batchInterval(), overdueWarning, overdueUrgent,
                defaults.overdueCheckEvery());
    }

    /** Secrets are left out, so that the configuration can be logged. */
    @Override
    public String toString() {
        return "AppConfig[host=" + host + ", port=" + port + ", corsOrigins=" + corsOrigins + ", dataDir=" + dataDir
                + ", database=" + (databaseUrl == null ? "embedded H2" : databaseUrl.replaceAll("\\?.*", ""))
                + ", jwt=" + (jwtSecret != null ? "JWT_SECRET" : jwtPublicKey != null ? "JWT_PUBLIC_KEY "
                + jwtPublicKey : jwtJwksUrl != null ? "JWT_JWKS_URL " + jwtJwksUrl : "generated secret")
                + ", taxRate=" + taxRate + ", restaurantZone=" + restaurantZone
                + ", recoveryWindow=" + recoveryWindow.toSeconds() + "s, outbound=" + outboundMaxPackets + " packets/"
                + outboundMaxBytes + " bytes, maxConnections=" + maxConnections + ", perAddress="
                + maxConnectionsPerAddress + ", handshakes/s/address=" + handshakeRatePerAddress + " (burst "
                + handshakeBurstPerAddress + "), maxRoomsPerSocket=" + maxRoomsPerSocket + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static int parseInt(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", not '"
                    + value + "'");
        }
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("JWT_JWKS_URL must be an http(s) URL, not '" + value + "'");
        }
    }

    /** A fraction ({@code 0.07}) or a percentage ({@code 7%}), from 0 to 1. */
    static BigDecimal taxRate(String value) {
        try {
            String v = value.strip();
            BigDecimal rate = v.endsWith("%") ? new BigDecimal(v.substring(0, v.length() - 1).strip())
                    .movePointLeft(2) : new BigDecimal(v);
            if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TAX_RATE must be a fraction from 0 to 1 (0.07) or a percentage"
                    + " (7%), not '" + value + "'");
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("RESTAURANT_TIMEZONE must be a time zone such as Europe/Berlin, not '"
                    + value + "'");
        }
    }
}
