package com.restaurantos.socketio;

import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Joining namespaces: CONNECT replies, refusals by name or by middleware, and what is not delivered. */
class NamespaceTest {
    private final Connections main = new Connections(s -> s.on("where", e -> s.emit("here", s.namespace().name())));
    private final Connections custom = new Connections(s -> s.on("where", e -> s.emit("here", s.namespace().name())));
    private final Connections secure = new Connections();
    private final CompletableFuture<ConnectionMiddleware.Next> slowDecision = new CompletableFuture<>();
    private final Recorder<String> slowEvents = new Recorder<>();
    private final Recorder<String> markers = new Recorder<>();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.socketIo(Connections.options(), io -> {
            io.sockets().onConnection(main).onConnection(s -> s.on("marker", e -> markers.add(e.arg().asText())));
            io.of("/custom").onConnection(custom);
            io.of("/secure")
                    .use((socket, next) -> next.reject(new ConnectError("Not authorized", Map.of("code", 401))))
                    .onConnection(secure);
            io.of("/slow")
                    .use((socket, next) -> slowDecision.complete(next))
                    .onConnection(s -> {
                        s.on("early", e -> slowEvents.add("early"));
                        s.on("late", e -> slowEvents.add("late"));
                    });
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void joinsTheMainNamespaceAndRepliesWithOnlyTheSocketId() {
        try (SioClient client = SioClient.open(server)) {
            JsonNode reply = client.connect("/", null);

            assertThat(reply.fieldNames()).toIterable().containsExactly("sid");
            String sid = reply.get("sid").asText();
            assertThat(sid).isNotEqualTo(client.engineSid());
            Socket socket = main.next();
            assertThat(socket.id()).isEqualTo(sid);
            assertThat(socket.namespace().name()).isEqualTo("/");
            assertThat(socket.connected()).isTrue();
            assertThat(socket.auth()).isEqualTo(SioClient.json("{}"));
            assertThat(socket.transport()).isEqualTo("websocket");
        }
    }

    @Test
    void joinsACustomNamespaceWithAnAuthPayload() {
        try (SioClient client = SioClient.open(server)) {
            JsonNode reply = client.connect("/custom", "{\"token\":\"abc\"}");

            Socket socket = custom.next();
            assertThat(reply.get("sid").asText()).isEqualTo(socket.id());
            assertThat(socket.auth()).isEqualTo(SioClient.json("{\"token\":\"abc\"}"));
            assertThat(socket.namespace().name()).isEqualTo("/custom");
        }
    }

    @Test
    void acceptsACustomNamespaceWithoutTheTrailingComma() {
        try (SioClient client = SioClient.open(server)) {
            client.send("0/custom");

            String reply = client.next();
            assertThat(reply).startsWith("0/custom,{\"sid\":\"");
            assertThat(SioClient.json(reply.substring("0/custom,".length())).get("sid").asText())
                    .isEqualTo(custom.next().id());
        }
    }

    @Test
    void joinsSeveralNamespacesOverOneConnectionAndRoutesEventsByNamespace() {
        try (SioClient client = SioClient.open(server)) {
            String mainSid = client.connect("/", null).get("sid").asText();
            String customSid = client.connect("/custom", null).get("sid").asText();

            client.send("2/custom,[\"where\"]");
            assertThat(client.next()).isEqualTo("2/custom,[\"here\",\"/custom\"]");
            client.send("2[\"where\"]");
            assertThat(client.next()).isEqualTo("2[\"here\",\"/\"]");
            assertThat(mainSid).isNotEqualTo(customSid);
        }
    }

    @Test
    void refusesAnUnknownNamespaceAndKeepsTheConnection() {
        try (SioClient client = SioClient.open(server)) {
            client.send("0/random");

            assertThat(client.next()).isEqualTo("4/random,{\"message\":\"Invalid namespace\"}");
            assertThat(client.connect("/", null).get("sid").asText()).isEqualTo(main.next().id());
        }
    }

    @Test
    void sendsTheMiddlewareRefusalAsConnectErrorWithMessageAndData() {
        try (SioClient client = SioClient.open(server)) {
            client.send("0/secure,{\"token\":\"wrong\"}");

            assertThat(client.next()).isEqualTo("4/secure,{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");
            client.connect("/", null);
            assertThat(secure.count()).isZero();
            assertThat(server.io().of("/secure").sockets()).isEmpty();
        }
    }

    @Test
    void refusesWhenAMiddlewareThrows() {
        try (TestServer throwing = TestServer.socketIo(Connections.options(), io -> {
            io.of("/a").use((socket, next) -> {
                throw new ConnectError("Bad token");
            });
            io.of("/b").use((socket, next) -> {
                throw new IllegalStateException("bug in a middleware");
            });
        }); SioClient client = SioClient.open(throwing)) {
            client.send("0/a,");
            assertThat(client.next()).isEqualTo("4/a,{\"message\":\"Bad token\"}");
            client.send("0/b,");
            assertThat(client.next()).isEqualTo("4/b,{\"message\":\"Internal server error\"}");
        }
    }

    @Test
    void runsMiddlewaresInOrderWithTheHandshakeAndAuthAndAcceptsALateDecision() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Connections joined = new Connections();
        try (TestServer ordered = TestServer.socketIo(Connections.options(), io -> io.of("/kitchen")
                .use((socket, next) -> {
                    seen.add("first:" + socket.auth().path("station").asText() + ":"
                            + socket.handshake().query().get("EIO"));
                    // decides later, from a timer rather than from the middleware call itself
                    io.vertx().setTimer(20, t -> next.proceed());
                })
                .use((socket, next) -> {
                    seen.add("second");
                    next.proceed();
                })
                .onConnection(joined)); SioClient client = SioClient.open(ordered)) {
            JsonNode reply = client.connect("/kitchen", "{\"station\":\"grill\"}");

            assertThat(seen).containsExactly("first:grill:4", "second");
            assertThat(joined.next().id()).isEqualTo(reply.get("sid").asText());
        }
    }

    @Test
    void deliversNoEventForANamespaceWhoseMiddlewaresHaveNotAllProceeded() throws Exception {
        try (SioClient client = SioClient.open(server)) {
            client.connect("/", null);
            client.send("0/slow,");
            client.send("2/slow,[\"early\"]");
            client.send("2[\"marker\",\"sent after early\"]");
            assertThat(markers.next()).isEqualTo("sent after early");

            slowDecision.get(5, TimeUnit.SECONDS).proceed();
            assertThat(client.next()).startsWith("0/slow,{\"sid\":");
            client.send("2/slow,[\"late\"]");

            assertThat(slowEvents.next()).isEqualTo("late");
            assertThat(slowEvents.drained()).isEmpty();
        }
    }

    @Test
    void deliversNoEventForANamespaceTheClientNeverJoined() {
        try (SioClient client = SioClient.open(server)) {
            client.connect("/", null);

            client.send("2/custom,[\"where\"]");
            client.send("2[\"where\"]");

            assertThat(client.next()).as("only the main namespace answers").isEqualTo("2[\"here\",\"/\"]");
            assertThat(custom.count()).isZero();
        }
    }

    @Test
    void deliversNoEventToASocketAfterItsClientLeft() {
        Recorder<String> events = new Recorder<>();
        try (SioClient client = SioClient.open(server)) {
            client.connect("/", null);
            Socket socket = main.next();
            socket.on("order", e -> events.add(e.arg().asText()));
            client.send("2[\"order\",\"before\"]");
            assertThat(events.next()).isEqualTo("before");

            client.send("1");
            client.send("2[\"order\",\"after\"]");
            client.connect("/custom", null);
            client.send("2/custom,[\"where\"]");
            assertThat(client.next()).isEqualTo("2/custom,[\"here\",\"/custom\"]");

            assertThat(events.drained()).isEmpty();
            assertThat(socket.connected()).isFalse();
        }
    }

    @Test
    void ignoresASecondConnectToAJoinedNamespace() {
        try (SioClient client = SioClient.open(server)) {
            String sid = client.connect("/", null).get("sid").asText();

            client.send("0");
            client.send("2[\"where\"]");

            assertThat(client.next()).isEqualTo("2[\"here\",\"/\"]");
            assertThat(server.io().sockets().sockets()).extracting(Socket::id).containsExactly(sid);
        }
    }

    @Test
    void sendsTheConnectReplyBeforeWhatTheConnectionHandlerEmits() {
        try (TestServer greeting = TestServer.socketIo(Connections.options(),
                io -> io.sockets().onConnection(s -> s.emit("welcome", s.id())));
             SioClient client = SioClient.open(greeting)) {
            String sid = client.connect("/", null).get("sid").asText();

            assertThat(client.next()).isEqualTo("2[\"welcome\",\"" + sid + "\"]");
        }
    }

    @Test
    void closesAConnectionThatJoinsNoNamespaceInTime() {
        try (TestServer strict = TestServer.socketIo(Connections.options().withConnectTimeout(Duration.ofMillis(300)), io -> { });
             SioClient client = SioClient.open(strict)) {
            client.awaitClosed();
            await().atMost(Duration.ofSeconds(5)).until(() -> strict.engine().sessions().isEmpty());
        }
    }

    @Test
    void keepsAConnectionThatJoinedInTime() {
        try (TestServer strict = TestServer.socketIo(Connections.options().withConnectTimeout(Duration.ofMillis(300)), io -> { });
             SioClient client = SioClient.open(strict)) {
            client.connect("/", null);

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !client.ws().isClosed());
        }
    }

    @Test
    void closesTheConnectionUponAnInvalidPacket() {
        for (String invalid : List.of("abc", "2{}", "2abc[\"message\",1]", "0\"abc\"", "2[\"disconnect\"]")) {
            try (SioClient client = SioClient.open(server)) {
                client.connect("/", null);
                Socket socket = main.next();
                Recorder<String> reasons = new Recorder<>();
                socket.onDisconnect(reasons::add);

                client.send(invalid);

                client.awaitClosed();
                assertThat(reasons.next()).as(invalid).isEqualTo("parse error");
            }
        }
    }

    @Test
    void closesTheConnectionUponAnAttachmentThatNoPacketAnnounced() {
        try (SioClient client = SioClient.open(server)) {
            client.connect("/", null);

            client.sendBinary(new byte[]{1, 2, 3});

            client.awaitClosed();
        }
    }
}
