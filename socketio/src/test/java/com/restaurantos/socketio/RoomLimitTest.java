package com.restaurantos.socketio;

import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SocketIoOptions#maxRoomsPerSocket()}: a join past it throws and joins nothing; the socket stays. */
class RoomLimitTest {
    private final Connections connections = new Connections();
    private TestServer server;
    private SioClient client;
    private Socket socket;

    @BeforeEach
    void start() {
        server = TestServer.socketIo(Connections.options().withMaxRoomsPerSocket(3),
                io -> io.sockets().onConnection(connections));
        client = SioClient.connected(server);
        socket = connections.next();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void countsTheSocketsOwnRoomAndRefusesTheJoinPastTheLimitWhole() {
        socket.join("kitchen", "bar");

        assertThatThrownBy(() -> socket.join("expo"))
                .isInstanceOfSatisfying(RoomLimitException.class, e -> assertThat(e.limit()).isEqualTo(3))
                .hasMessageContaining("at most 3 rooms");
        assertThatThrownBy(() -> socket.join("bar", "expo")).isInstanceOf(RoomLimitException.class);
        assertThat(socket.rooms()).containsExactlyInAnyOrder(socket.id(), "kitchen", "bar");
        assertThat(socket.connected()).isTrue();
    }

    @Test
    void admitsRoomsItIsAlreadyInAndANewOneOnceItLeftAnother() {
        socket.join("kitchen", "bar");

        socket.join("kitchen", "bar");
        socket.leave("bar");
        socket.join("expo");

        assertThat(socket.rooms()).containsExactlyInAnyOrder(socket.id(), "kitchen", "expo");
        server.io().sockets().to("expo").emit("ticket", 7);
        assertThat(client.next()).isEqualTo("2[\"ticket\",7]");
    }
}
