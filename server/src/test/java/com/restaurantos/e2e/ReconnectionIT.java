package com.restaurantos.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * Reconnections with the official {@code socket.io-client}, against the packaged jar started as a real process
 * by each spec ({@code e2e/app/missed-events.spec.mjs}: connection state recovery of restaurant and station
 * events under traffic, and the state after the recovery window; {@code e2e/app/token-expiry.spec.mjs}: a socket
 * ends at its token's expiry and comes back with a fresh token; {@code e2e/app/shutdown.spec.mjs}: on SIGTERM the
 * sockets are closed and reconnect by themselves once the server is back). Their counts are printed as {@code # }
 * lines.
 */
class ReconnectionIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void clientsThatLoseTheirConnectionOrTheirTokenComeBackWithoutLosingAnything() throws Exception {
        NodeSpecs.run("reconnection tests", LIMIT, "app/missed-events.spec.mjs", "app/token-expiry.spec.mjs", "app/shutdown.spec.mjs");
    }
}
