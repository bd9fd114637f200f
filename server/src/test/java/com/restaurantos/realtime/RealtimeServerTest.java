package com.restaurantos.realtime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class of the real-time API over a {@link RealtimeServer} with the default settings: one server for the
 * class, its clients closed after each test. Classes run one after another, so they can share the field.
 */
abstract class RealtimeServerTest {
    static RealtimeServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new RealtimeServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @AfterEach
    void closeClients() {
        server.closeClients();
    }
}
