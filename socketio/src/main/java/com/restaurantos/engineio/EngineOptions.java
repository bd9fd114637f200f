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
        int compressionThreshold) {

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
    }

    public static EngineOptions defaults() {
        return new EngineOptions("/engine.io/", Duration.ofMillis(25_000), Duration.ofMillis(20_000),
                Duration.ofMillis(10_000), 1_000_000, List.of("*"), 10_000, 16L * 1024 * 1024, true, true, 1024);
    }

    public EngineOptions withPath(String p) {
        return new EngineOptions(p, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold);
    }

    public EngineOptions withHeartbeat(Duration interval, Duration timeout) {
        return new EngineOptions(path, interval, timeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold);
    }

    public EngineOptions withUpgradeTimeout(Duration timeout) {
        return new EngineOptions(path, pingInterval, pingTimeout, timeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold);
    }

    public EngineOptions withMaxPayload(int bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, bytes, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold);
    }

    public EngineOptions withAllowedOrigins(List<String> origins) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, origins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, compressionThreshold);
    }

    public EngineOptions withOutboundLimits(int packets, long bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                packets, bytes, websocketEnabled, pollingEnabled, compressionThreshold);
    }

    public EngineOptions withTransports(boolean websocket, boolean polling) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocket, polling, compressionThreshold);
    }

    public EngineOptions withCompressionThreshold(int bytes) {
        return new EngineOptions(path, pingInterval, pingTimeout, upgradeTimeout, maxPayload, allowedOrigins,
                maxOutboundPackets, maxOutboundBytes, websocketEnabled, pollingEnabled, bytes);
    }
}
