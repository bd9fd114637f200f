package com.restaurantos.socketio;

import com.restaurantos.engineio.EngineOptions;
import com.restaurantos.engineio.EngineSession;
import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a socket left, as its disconnect listeners hear it, and what the client sees. */
class DisconnectReasonTest {
    private final Recorder<String> reasons = new Recorder<>();
    private final Recorder<Set<String>> roomsWhenLeaving = new Recorder<>();
    private final Recorder<Set<String>> roomsAfterLeaving = new Recorder<>();
    private final Connections main = new Connections(this::listen);
    private final Connections custom = new Connections(this::listen);
    private TestServer server;

    private void listen(Socket socket) {
        socket.join("kitchen");
        socket.onDisconnecting(reason -> roomsWhenLeaving.add(socket.rooms()));
        socket.onDisconnect(reason -> {
            roomsAfterLeaving.add(socket.rooms());
            reasons.add(socket.namespace().name() + " " + reason);
        });
    }

    private TestServer start(SocketIoOptions options) {
        return TestServer.socketIo(options, io -> {
            io.sockets().onConnection(main);
            io.of("/custom").onConnection(custom);
        });
    }

    @BeforeEach
    void start() {
        server = start(Connections.options());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reportsClientNamespaceDisconnectAndKeepsTheConnection() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("1");

            assertThat(reasons.next()).isEqualTo("/ client namespace disconnect");
            String again = client.connect("/", null).get("sid").asText();
            assertThat(main.next().id()).isNotEqualTo(again);
            assertThat(main.next().id()).isEqualTo(again);
        }
    }

    @Test
    void reportsServerNamespaceDisconnectAndTellsTheClient() {
        try (SioClient client = SioClient.connected(server)) {
            main.next().disconnect(false);

            assertThat(client.next()).isEqualTo("1");
            assertThat(reasons.next()).isEqualTo("/ server namespace disconnect");
            assertThat(client.ws().isClosed()).isFalse();
            client.connect("/", null);
        }
    }

    @Test
    void closesTheConnectionWhenTheServerDisconnectsWithClose() {
        try (SioClient client = SioClient.connected(server)) {
            client.connect("/custom", null);
            custom.next();

            main.next().disconnect(true);

            assertThat(client.next()).startsWith("1");
            assertThat(client.next()).startsWith("1");
            client.awaitClosed();
            assertThat(Set.of(reasons.next(), reasons.next()))
                    .containsExactlyInAnyOrder("/ server namespace disconnect", "/custom server namespace disconnect");
        }
    }

    @Test
    void reportsTransportCloseForEveryNamespaceWhenTheClientGoesAway() {
        SioClient client = SioClient.connected(server);
        client.connect("/custom", null);
        custom.next();

        client.close();

        assertThat(Set.of(reasons.next(), reasons.next()))
                .containsExactlyInAnyOrder("/ transport close", "/custom transport close");
    }

    @Test
    void reportsTransportCloseWhenAPollingClientSendsClose() {
        Http http = new Http();
        String sid = http.handshake(server);
        String url = server.url("EIO=4&transport=polling&sid=" + sid);
        http.post(url, "40");
        assertThat(http.get(url).body()).startsWith("40{\"sid\":");

        http.post(url, "1");

        assertThat(reasons.next()).isEqualTo("/ transport close");
    }

    @Test
    void reportsPingTimeoutWhenTheClientStopsAnswering() {
        try (TestServer beating = start(Connections.options().withEngine(EngineOptions.defaults().withPath("/socket.io/")
                .withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(300))));
             SioClient client = SioClient.connected(beating)) {
            // The client reads nothing more, so it never answers the ping.
            assertThat(reasons.next()).isEqualTo("/ ping timeout");
            client.awaitClosed();
        }
    }

    @Test
    void reportsServerShuttingDownWhenTheServerCloses() {
        try (SioClient client = SioClient.connected(server)) {
            TestServer.await(server.io().close());

            assertThat(reasons.next()).isEqualTo("/ server shutting down");
            client.awaitClosed();
        }
    }

    @Test
    void reportsForcedCloseWhenTheServerClosesTheConnection() {
        try (SioClient client = SioClient.connected(server)) {
            EngineSession session = server.engine().sessions().iterator().next();

            session.close();

            assertThat(reasons.next()).isEqualTo("/ forced close");
            client.awaitClosed();
        }
    }

    @Test
    void leavesItsRoomsBetweenDisconnectingAndDisconnect() {
        try (SioClient client = SioClient.connected(server)) {
            String id = main.next().id();

            client.send("1");

            assertThat(roomsWhenLeaving.next()).containsExactlyInAnyOrder(id, "kitchen");
            assertThat(roomsAfterLeaving.next()).isEmpty();
            assertThat(server.io().sockets().adapter().rooms()).doesNotContain("kitchen", id);
        }
    }
}
