package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection state recovery: a pid in the CONNECT reply, an offset on every recoverable event,
 * and a client that comes back in time keeps its id, rooms and data and gets what it missed.
 */
class ConnectionStateRecoveryTest {
    private final Recorder<String> left = new Recorder<>();
    private final AtomicInteger middlewareRuns = new AtomicInteger();
    private final Connections main = new Connections(s -> s.onDisconnect(reason -> left.add(s.id() + " " + reason)));
    private TestServer server;

    private TestServer start(SocketIoOptions.Recovery recovery) {
        server = TestServer.socketIo(Connections.options().withRecovery(recovery), io -> io.sockets()
                .use((socket, next) -> {
                    middlewareRuns.incrementAndGet();
                    next.proceed();
                })
                .onConnection(main));
        return server;
    }

    private TestServer start() {
        return start(new SocketIoOptions.Recovery(Duration.ofSeconds(30), true, 1_000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Namespace io() {
        return server.io().sockets();
    }

    /** An EVENT's arguments as read by a client: name first, offset last. */
    private static JsonNode event(String packet) {
        assertThat(packet).startsWith("2[");
        return SioClient.json(packet.substring(1));
    }

    private static String offsetOf(String packet) {
        JsonNode data = event(packet);
        return data.get(data.size() - 1).asText();
    }

    /** Connects, returns {sid, pid}. */
    private static String[] join(SioClient client, String auth) {
        JsonNode reply = client.connect("/", auth);
        return new String[]{reply.get("sid").asText(), reply.path("pid").asText(null)};
    }

    private void dropConnection(SioClient client, String sid) {
        client.close();
        assertThat(left.next()).isEqualTo(sid + " transport close");
    }

    /** A client that connected, then lost its connection: its {sid, pid}. */
    private String[] joinedThenDropped() {
        try (SioClient first = SioClient.open(server)) {
            String[] ids = join(first, null);
            main.next();
            dropConnection(first, ids[0]);
            return ids;
        }
    }

    @Test
    void addsAPrivateSessionIdToTheConnectReply() {
        start();
        try (SioClient client = SioClient.open(server)) {
            JsonNode reply = client.connect("/", null);

            assertThat(reply.fieldNames()).toIterable().containsExactly("sid", "pid");
            assertThat(reply.get("pid").asText()).isNotBlank().isNotEqualTo(reply.get("sid").asText());
        }
    }

    @Test
    void appendsAnIncreasingOffsetToEveryRecoverableEvent() {
        start();
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();

            io().emit("news", 1);
            socket.emit("direct", "a");
            io().to(socket.id()).emit("room", true);

            List<String> offsets = List.of(offsetOf(client.next()), offsetOf(client.next()), offsetOf(client.next()));
            assertThat(offsets).doesNotHaveDuplicates();
            assertThat(offsets.stream().map(o -> Long.parseLong(o, 36)).toList()).isSorted();
        }
    }

    @Test
    void addsNoOffsetToEventsThatAreNotKept() {
        start();
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();

            socket.emitWithAck("question", Duration.ofSeconds(5), "x");
            assertThat(client.next()).isEqualTo("20[\"question\",\"x\"]");
            // Volatile packets are dropped for a client with anything queued: send it to an idle one.
            io().volatileMode().emit("blip", 1);
            assertThat(client.next()).isEqualTo("2[\"blip\",1]");
            io().emit("news", 1);
            assertThat(event(client.next()).size()).isEqualTo(3);
        }
    }

    @Test
    void restoresTheSessionWithTheMissedEventsInOrder() {
        start();
        String sid;
        String pid;
        String lastSeen;
        try (SioClient first = SioClient.open(server)) {
            String[] ids = join(first, null);
            sid = ids[0];
            pid = ids[1];
            Socket socket = main.next();
            socket.join("kitchen");
            socket.data().put("table", 4);
            io().emit("e1");
            lastSeen = offsetOf(first.next());
            dropConnection(first, sid);
        }

        io().to("kitchen").emit("e2", "kitchen only");
        io().emit("e3");
        io().to("bar").emit("e4", "not for us");
        io().except("kitchen").emit("e5", "not for us either");
        io().emit("e6");

        try (SioClient back = SioClient.open(server)) {
            String[] ids = join(back, "{\"pid\":\"" + pid + "\",\"offset\":\"" + lastSeen + "\"}");

            assertThat(ids).containsExactly(sid, pid);
            assertThat(List.of(back.next(), back.next(), back.next())).extracting(p -> event(p).get(0).asText())
                    .containsExactly("e2", "e3", "e6");
            Socket restored = main.next();
            assertThat(restored.id()).isEqualTo(sid);
            assertThat(restored.recovered()).isTrue();
            assertThat(restored.rooms()).contains("kitchen", sid);
            assertThat(restored.data()).containsEntry("table", 4);
            restored.emit("sentinel");
            assertThat(event(back.next()).get(0).asText()).isEqualTo("sentinel");
        }
    }

    @Test
    void restoresEverythingSinceConnectingWhenTheClientSawNoEvent() {
        start();
        io().emit("before-connect");
        String[] ids = joinedThenDropped();
        io().emit("x");
        io().emit("y");

        try (SioClient back = SioClient.open(server)) {
            assertThat(join(back, "{\"pid\":\"" + ids[1] + "\"}")[0]).isEqualTo(ids[0]);

            assertThat(List.of(back.next(), back.next())).extracting(p -> event(p).get(0).asText())
                    .containsExactly("x", "y");
            main.byId(ids[0]).emit("sentinel");
            assertThat(event(back.next()).get(0).asText()).isEqualTo("sentinel");
        }
    }

    @Test
    void givesANewSessionForAnUnknownPid() {
        start();
        try (SioClient client = SioClient.open(server)) {
            String[] ids = join(client, "{\"pid\":\"made-up\",\"offset\":\"1\"}");

            Socket socket = main.next();
            assertThat(socket.id()).isEqualTo(ids[0]);
            assertThat(socket.recovered()).isFalse();
            assertThat(ids[1]).isNotEqualTo("made-up");
        }
    }

    @Test
    void givesANewSessionOnceTheDisconnectionLastedTooLong() throws Exception {
        start(new SocketIoOptions.Recovery(Duration.ofMillis(300), true, 1_000));
        String[] ids = joinedThenDropped();
        long expired = System.nanoTime() + Duration.ofMillis(400).toNanos();
        io().emit("missed");
        // The window is a duration: the only way past it is to let it pass.
        Thread.sleep(Math.max(0, (expired - System.nanoTime()) / 1_000_000));

        try (SioClient back = SioClient.open(server)) {
            String[] again = join(back, "{\"pid\":\"" + ids[1] + "\"}");

            assertThat(again[0]).isNotEqualTo(ids[0]);
            assertThat(main.next().recovered()).isFalse();
            main.byId(again[0]).emit("sentinel");
            assertThat(event(back.next()).get(0).asText()).isEqualTo("sentinel");
        }
    }

    @Test
    void doesNotKeepTheSessionOfAClientThatLeftOnPurpose() {
        start();
        String[] ids;
        try (SioClient first = SioClient.open(server)) {
            ids = join(first, null);
            main.next();
            first.send("1");
            assertThat(left.next()).isEqualTo(ids[0] + " client namespace disconnect");
        }

        try (SioClient back = SioClient.open(server)) {
            String[] again = join(back, "{\"pid\":\"" + ids[1] + "\"}");

            assertThat(again[0]).isNotEqualTo(ids[0]);
        }
    }

    @Test
    void restoresASessionOnlyOnce() {
        start();
        String[] ids = joinedThenDropped();
        String auth = "{\"pid\":\"" + ids[1] + "\"}";

        try (SioClient back = SioClient.open(server); SioClient thief = SioClient.open(server)) {
            assertThat(join(back, auth)[0]).isEqualTo(ids[0]);
            assertThat(join(thief, auth)[0]).isNotEqualTo(ids[0]);
        }
    }

    @Test
    void givesANewSessionWhenMissedEventsAreNoLongerKept() {
        start(new SocketIoOptions.Recovery(Duration.ofSeconds(30), true, 3));
        String[] ids;
        String lastSeen;
        try (SioClient first = SioClient.open(server)) {
            ids = join(first, null);
            main.next();
            io().emit("seen");
            lastSeen = offsetOf(first.next());
            dropConnection(first, ids[0]);
        }
        for (int i = 0; i < 5; i++) {
            io().emit("missed", i);
        }

        try (SioClient back = SioClient.open(server)) {
            String[] again = join(back, "{\"pid\":\"" + ids[1] + "\",\"offset\":\"" + lastSeen + "\"}");

            assertThat(again[0]).isNotEqualTo(ids[0]);
            main.byId(again[0]).emit("sentinel");
            assertThat(event(back.next()).get(0).asText()).isEqualTo("sentinel");
        }
    }

    @Test
    void givesANewSessionForAnOffsetItNeverIssued() {
        start();
        String[] ids = joinedThenDropped();

        try (SioClient back = SioClient.open(server)) {
            assertThat(join(back, "{\"pid\":\"" + ids[1] + "\",\"offset\":\"not-an-offset!\"}")[0]).isNotEqualTo(ids[0]);
        }
    }

    @Test
    void skipsConnectionMiddlewaresForARecoveredSessionWhenConfigured() {
        start();
        String[] ids = joinedThenDropped();
        assertThat(middlewareRuns.get()).isEqualTo(1);

        try (SioClient back = SioClient.open(server)) {
            assertThat(join(back, "{\"pid\":\"" + ids[1] + "\"}")[0]).isEqualTo(ids[0]);
            assertThat(middlewareRuns.get()).isEqualTo(1);
        }
    }

    @Test
    void runsConnectionMiddlewaresForARecoveredSessionOtherwise() {
        start(new SocketIoOptions.Recovery(Duration.ofSeconds(30), false, 1_000));
        String[] ids = joinedThenDropped();

        try (SioClient back = SioClient.open(server)) {
            assertThat(join(back, "{\"pid\":\"" + ids[1] + "\"}")[0]).isEqualTo(ids[0]);
            assertThat(middlewareRuns.get()).isEqualTo(2);
        }
    }
}
