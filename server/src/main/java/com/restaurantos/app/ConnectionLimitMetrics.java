package com.restaurantos.app;

import com.restaurantos.engineio.EngineServer;
import com.restaurantos.engineio.HandshakeRefusal;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of the engine's connection limits, read from the engine when scraped: how close the server is to
 * {@code MAX_CONNECTIONS}, and how many handshakes each limit refused.
 */
final class ConnectionLimitMetrics {
    private ConnectionLimitMetrics() {
    }

    static void bind(MeterRegistry registry, EngineServer engine) {
        Gauge.builder("realtime.engine.connections", engine, EngineServer::connections)
                .description("Engine.IO connections as MAX_CONNECTIONS counts them (open or being opened)")
                .register(registry);
        for (HandshakeRefusal reason : HandshakeRefusal.values()) {
            FunctionCounter.builder("realtime.connections.refused", engine, e -> e.refused(reason))
                    .description("handshakes refused by a connection limit")
                    .tag("reason", reason.label())
                    .register(registry);
        }
    }
}
