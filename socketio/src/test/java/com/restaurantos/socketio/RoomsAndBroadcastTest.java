package com.restaurantos.socketio;

import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rooms and broadcasts. A client that must not receive a broadcast is checked with a sentinel:
 * an event sent to it alone right after the broadcast must be the next thing it reads.
 */
class RoomsAndBroadcastTest {
    private final Map<String, Socket> byName = new ConcurrentHashMap<>();
    private TestServer server;
    private SioClient a;
    private SioClient b;
    private SioClient c;

    @BeforeEach
    void start() {
        Connections named = new Connections(s -> byName.put(s.auth().path("name").asText(), s));
        server = TestServer.socketIo(Connections.options(), io -> {
            io.sockets().onConnection(named);
            io.of("/custom").onConnection(named);
        });
        a = client("a");
        b = client("b");
        c = client("c");
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        c.close();
        server.close();
    }

    private SioClient client(String name) {
        SioClient client = SioClient.open(server);
        client.connect("/", "{\"name\":\"" + name + "\"}");
        return client;
    }

    private Socket socket(String name) {
        return byName.get(name);
    }

    private Namespace main() {
        return server.io().sockets();
    }

    private void assertNothingBefore(SioClient client, String name) {
        socket(name).emit("sentinel");
        assertThat(client.next()).as(name + " received nothing before the sentinel").isEqualTo("2[\"sentinel\"]");
    }

    @Test
    void reachesOnlyTheMembersOfARoom() {
        socket("a").join("kitchen");
        socket("b").join("kitchen");

        main().to("kitchen").emit("order", 42);

        assertThat(a.next()).isEqualTo("2[\"order\",42]");
        assertThat(b.next()).isEqualTo("2[\"order\",42]");
        assertNothingBefore(c, "c");
    }

    @Test
    void reachesASocketInSeveralTargetedRoomsOnce() {
        socket("a").join("kitchen", "bar");
        socket("b").join("bar");

        main().to("kitchen").to("bar").emit("order", 7);

        assertThat(a.next()).isEqualTo("2[\"order\",7]");
        assertNothingBefore(a, "a");
        assertThat(b.next()).isEqualTo("2[\"order\",7]");
        assertNothingBefore(c, "c");
    }

    @Test
    void leavesOutTheMembersOfExceptedRooms() {
        socket("a").join("kitchen");
        socket("b").join("kitchen", "bar");

        main().to("kitchen").except("bar").emit("order", 1);
        main().except("kitchen").emit("notice", "c only");

        assertThat(a.next()).isEqualTo("2[\"order\",1]");
        assertNothingBefore(b, "b");
        assertThat(c.next()).isEqualTo("2[\"notice\",\"c only\"]");
    }

    @Test
    void leavesOutTheSenderOfASocketBroadcast() {
        socket("a").join("kitchen");
        socket("b").join("kitchen");

        socket("a").to("kitchen").emit("from-a", 1);
        socket("a").broadcast().emit("all-but-a", 2);

        assertThat(b.next()).isEqualTo("2[\"from-a\",1]");
        assertThat(b.next()).isEqualTo("2[\"all-but-a\",2]");
        assertThat(c.next()).isEqualTo("2[\"all-but-a\",2]");
        assertNothingBefore(a, "a");
    }

    @Test
    void reachesEverySocketOfTheNamespaceAndNoOther() {
        try (SioClient d = SioClient.open(server)) {
            d.connect("/custom", "{\"name\":\"d\"}");

            main().emit("closing", "22:00");

            for (SioClient client : new SioClient[]{a, b, c}) {
                assertThat(client.next()).isEqualTo("2[\"closing\",\"22:00\"]");
            }
            socket("d").emit("sentinel");
            assertThat(d.next()).isEqualTo("2/custom,[\"sentinel\"]");
        }
    }

    @Test
    void putsEverySocketInARoomNamedByItsId() {
        Socket target = socket("b");

        assertThat(target.rooms()).containsExactly(target.id());
        main().to(target.id()).emit("just-you");

        assertThat(b.next()).isEqualTo("2[\"just-you\"]");
        assertNothingBefore(a, "a");
    }

    @Test
    void stopsReachingASocketThatLeftTheRoom() {
        socket("a").join("kitchen");
        socket("b").join("kitchen");
        socket("a").leave("kitchen");

        main().to("kitchen").emit("order", 3);

        assertThat(socket("a").rooms()).doesNotContain("kitchen");
        assertThat(b.next()).isEqualTo("2[\"order\",3]");
        assertNothingBefore(a, "a");
    }

    @Test
    void removesADisconnectedSocketFromItsRooms() {
        socket("c").join("terrace");
        String cId = socket("c").id();
        assertThat(main().adapter().rooms()).contains("terrace", cId);

        c.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !main().adapter().rooms().contains("terrace"));
        assertThat(main().adapter().rooms()).doesNotContain(cId);
        assertThat(main().adapter().sockets(Set.of("terrace"))).isEmpty();
        assertThat(main().socket(cId)).isNull();
    }

    @Test
    void makesTheSelectedSocketsJoinARoomOrDisconnect() {
        socket("a").join("kitchen");
        socket("b").join("kitchen");

        main().to("kitchen").socketsJoin("rush");

        assertThat(main().to("rush").socketIds()).containsExactlyInAnyOrder(socket("a").id(), socket("b").id());
        main().to("rush").except("bar").disconnectSockets(false);
        assertThat(a.next()).isEqualTo("1");
        assertThat(b.next()).isEqualTo("1");
        assertNothingBefore(c, "c");
        assertThat(a.ws().isClosed()).isFalse();
    }

    @Test
    void sendsABinaryBroadcastWithItsAttachmentToEveryone() {
        socket("a").join("kitchen");
        socket("b").join("kitchen");

        main().to("kitchen").emit("ticket-photo", new byte[]{1, 2, 3});

        for (SioClient client : new SioClient[]{a, b}) {
            assertThat(client.next()).isEqualTo("51-[\"ticket-photo\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(client.nextBinary()).containsExactly(1, 2, 3);
        }
        assertNothingBefore(c, "c");
    }

    @Test
    void keepsABroadcastOperatorReusableAndUnchangedByLaterCalls() {
        socket("a").join("kitchen");
        socket("b").join("bar");
        BroadcastOperator kitchen = main().to("kitchen");

        kitchen.to("bar");
        kitchen.emit("only-kitchen");

        assertThat(a.next()).isEqualTo("2[\"only-kitchen\"]");
        assertNothingBefore(b, "b");
    }
}
