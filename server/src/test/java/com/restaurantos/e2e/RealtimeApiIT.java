package com.restaurantos.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

/**
 * The acceptance tests of the real-time API ({@code e2e/app/*.spec.mjs}: Node's test runner with
 * the official {@code socket.io-client}) against the packaged jar, started by the tests as a real
 * server process. Runs after {@code package}, as an integration test.
 */
class RealtimeApiIT {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void theRealtimeApiBehavesAsTheContractSays() throws Exception {
        NodeSpecs.run("real-time acceptance tests", LIMIT, "app/realtime.spec.mjs");
    }
}
