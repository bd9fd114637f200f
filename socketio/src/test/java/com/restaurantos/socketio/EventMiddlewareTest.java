package com.restaurantos.socketio;

import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-event middleware (socket.use): runs before the handler, in order, and may drop the event. */
class EventMiddlewareTest {
    private final Recorder<String> trail = new Recorder<>();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.socketIo(Connections.options(), io -> io.sockets().onConnection(socket -> {
            socket.use((s, event, next) -> {
                trail.add("auth:" + event.name());
                if (event.name().equals("void-order")) {
                    event.ack().send(Map.of("error", "not allowed"));
                    return;
                }
                next.run();
            });
            socket.use((s, event, next) -> {
                trail.add("rate:" + event.name());
                if (event.name().equals("slow")) {
                    // lets the event through later, from a timer
                    io.vertx().setTimer(20, t -> next.run());
                } else if (event.name().equals("broken")) {
                    throw new IllegalStateException("bug in a middleware");
                } else {
                    next.run();
                }
            });
            socket.on("new-order", e -> {
                trail.add("handler:new-order");
                e.ack().send("ok");
            });
            socket.on("void-order", e -> trail.add("handler:void-order"));
            socket.on("slow", e -> {
                trail.add("handler:slow");
                e.ack().send("done");
            });
            socket.on("broken", e -> trail.add("handler:broken"));
            socket.on("explode", e -> {
                throw new IllegalStateException("bug in a handler");
            });
            socket.on("marker", e -> socket.emit("marker"));
        }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void runsEveryMiddlewareInOrderBeforeTheHandler() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("21[\"new-order\",{\"table\":4}]");

            assertThat(client.next()).isEqualTo("31[\"ok\"]");
            assertThat(trail.drained()).containsExactly("auth:new-order", "rate:new-order", "handler:new-order");
        }
    }

    @Test
    void dropsAnEventWhoseMiddlewareDoesNotCallNextAndLetsItAnswer() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("22[\"void-order\"]");

            assertThat(client.next()).isEqualTo("32[{\"error\":\"not allowed\"}]");
            client.send("2[\"marker\"]");
            assertThat(client.next()).isEqualTo("2[\"marker\"]");
            assertThat(trail.drained()).containsExactly("auth:void-order", "auth:marker", "rate:marker");
        }
    }

    @Test
    void acceptsANextCalledLaterFromAnotherTask() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("23[\"slow\"]");

            assertThat(client.next()).isEqualTo("33[\"done\"]");
            assertThat(trail.drained()).containsExactly("auth:slow", "rate:slow", "handler:slow");
        }
    }

    @Test
    void dropsTheEventButKeepsTheSocketWhenAMiddlewareThrows() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("2[\"broken\"]");
            client.send("2[\"marker\"]");

            assertThat(client.next()).isEqualTo("2[\"marker\"]");
            assertThat(trail.drained()).containsExactly("auth:broken", "rate:broken", "auth:marker", "rate:marker");
        }
    }

    @Test
    void keepsTheSocketWhenAHandlerThrows() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("2[\"explode\"]");
            client.send("2[\"marker\"]");

            assertThat(client.next()).isEqualTo("2[\"marker\"]");
        }
    }

    @Test
    void passesEventsWithoutAHandlerThroughMiddlewaresOnly() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("2[\"unknown\",1]");
            client.send("2[\"marker\"]");

            assertThat(client.next()).isEqualTo("2[\"marker\"]");
            assertThat(trail.drained()).containsExactly("auth:unknown", "rate:unknown", "auth:marker", "rate:marker");
        }
    }
}
