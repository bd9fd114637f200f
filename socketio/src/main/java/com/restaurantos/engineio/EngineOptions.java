package com.restaurantos.engineio;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Engine.IO server settings. Defaults are those of the reference server.
 *
 * @param path             URL path the engine answers on, with leading and trailing slash
 * @param pingInterval     how often the server pings each client
 * @param pingTimeout      how long a client has to answer a ping before the session is closed
 * @param upgradeTimeout   how long a polling→websocket upgrade may take before the probe is dropped
 * @param maxPayload       the largest packet or polling body accepted, in bytes
 * @param allowedOrigins   CORS origins allowed to use HTTP long-polling; {@code *} allows any
 * @param maxOutboundPackets packets that may wait for a slow client before its session is closed
 * @param maxOutboundBytes   bytes that may wait for a slow client before its session is closed
 * @param websocketEnabled whether the websocket transport (and so upgrades) is offered
 * @param pollingEnabled   whether the polling transport is offered
 * @param compressionThreshold WebSocket messages smaller than this many bytes are sent
 *                         uncompressed even when the client negotiated permessage-deflate
 * @param limits           how many sessions, and handshakes, the server takes (see {@link Limits})
 */
public record EngineOptions(
        String path,
        Duration pingInterval,
        Duration pingTimeout,
        Duration upgradeTimeout,
        int maxPayload,
        List<String> allowedOrigins,
        int maxOutboundPackets,
        long maxOutboundBytes,
        boolean websocketEnabled,
        boolean pollingEnabled,
        int compressionThreshold,
        Limits limits) {

    /**
     * Limits that keep clients from exhausting the process, checked at each handshake before a session is made;
     * 0 means no limit. A client's address is the TCP peer's: behind a proxy, every client has the proxy's.
     *
     * @param maxConnections           sessions at once; more are refused with 503
     * @param maxConnectionsPerAddress sessions at once from one client address; more are refused with 429
     * @param handshakesPerSecond      handshakes per second from one client address, on average; more are
     *                                 refused with 429
     * @param handshakeBurst           handshakes one client address may make at once before that rate applies;
     *                                 at least 1 when there is a rate
     */
    public record Limits(int maxConnections, int maxConnectionsPerAddress, int handshakesPerSecond,
                         int handshakeBurst) {
        /** No limit at all, as the reference server. */
        public static final Limits NONE = new Limits(0, 0, 0, 0);

        public Limits {
            if (maxConnections < 0 || maxConnectionsPerAddress < 0 || handshakesPerSecond < 0 || handshakeBurst < 0) {
                throw new IllegalArgumentException("limits must not be negative (0 means none)");
            }
            if (handshakesPerSecond > 0 && handshakeBurst == 0) {
                throw new IllegalArgumentException("a handshake rate needs a burst of at least 1");
            }
        }
    }

    public EngineOptions {
        Objects.requireNonNull(path);
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        if (pingInterval.isNegative() || pingInterval.isZero() || pingTimeout.isNegative() || pingTimeout.isZero()) {
            throw new IllegalArgumentException("ping interval and timeout must be positive");
        }
        if (maxPayload <= 0 || maxOutboundPackets <= 0 || maxOutboundBytes <= 0 || compressionThreshold < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (!websocketEnabled && !pollingEnabled) {
            throw new IllegalArgumentException("at least one transport must be enabled");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        Objects.requireNonNull(limits);
    }

    public static EngineOptions defaults() {
        return new EngineOptions("/engine.io/", Duration.ofMillis(25_000), Duration.ofMillis(20_000),
                Duration.ofMillis(10_000), 1_000_000, List.of("*"), 10_000, 16L * 1024 * 1024, true, true, 1024,
                Limits.NONE);
    }

    public EngineOptions withPath(String p) {
        return new EngineOptions(p, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold, limits);
    }

    public EngineOptions withHeartbeat(Duration interval, Duration timeout) {
        return new EngineOptions(path, interval, timeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold, limits);
    }

    public EngineOptions withUpgradeTimeout(Duration timeout) {
        return new EngineOptions(path, pingInterval, pingTimeout, timeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold, limits);
    }

    public EngineOptions withMaxPayload(int bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, bytes, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold, limits);
    }

    public EngineOptions withAllowedOrigins(List<String> origins) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, origins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold, limits);
    }

    public EngineOptions withOutboundLimits(int packets, long bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                packets, bytes, websocketEnabled, pollingEnabled, compressionThreshold, limits);
    }

    public EngineOptions withTransports(boolean websocket, boolean polling) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocket, polling, compressionThreshold, limits);
    }

    public EngineOptions withCompressionThreshold(int bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, bytes, limits);
    }

    public EngineOptions withLimits(Limits l) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold, l);
    }
}
