package com.restaurantos.socketio;

import static org.awaitility.Awaitility.await;
import java.util.concurrent.ExecutionException;
import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledgements both ways: the client's ack ids answered by the server, and the server's own with timeouts. */
class AckTest {
    private final Recorder<Boolean> secondSends = new Recorder<>();
    private final Recorder<Boolean> requested = new Recorder<>();
    private final Connections main = new Connections(s -> {
        s.on("echo", e -> e.ack().send(e.args().toArray()));
        s.on("photo", e -> e.ack().send("stored", new byte[]{(byte) 0xCA, (byte) 0xFE}));
        s.on("twice", e -> {
            e.ack().send("first");
            secondSends.add(e.ack().send("second"));
        });
        s.on("maybe", e -> {
            requested.add(e.ack().requested());
            secondSends.add(e.ack().send("unasked"));
        });
        s.on("marker", e -> s.emit("marker"));
    });
    private final Connections custom = new Connections(s -> s.on("echo", e -> e.ack().send(e.args().toArray())));
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.socketIo(Connections.options(), io -> {
            io.sockets().onConnection(main);
            io.of("/custom").onConnection(custom);
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static <T> T result(Future<T> future) {
        return TestServer.await(future);
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            throw new AssertionError("the future succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void answersAnEventWithAnAckCarryingTheSameId() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("2456[\"echo\",1,\"2\",{\"3\":[false]}]");

            assertThat(client.next()).isEqualTo("3456[1,\"2\",{\"3\":[false]}]");
        }
    }

    @Test
    void answersInTheNamespaceOfTheEvent() {
        try (SioClient client = SioClient.connected(server)) {
            client.connect("/custom", null);

            client.send("2/custom,7[\"echo\",\"x\"]");

            assertThat(client.next()).isEqualTo("3/custom,7[\"x\"]");
        }
    }

    @Test
    void answersWithABinaryAckWhenTheReplyHoldsBinary() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("212[\"photo\"]");

            assertThat(client.next()).isEqualTo("61-12[\"stored\",{\"_placeholder\":true,\"num\":0}]");
            assertThat(client.nextBinary()).containsExactly(0xCA, 0xFE);
        }
    }

    @Test
    void echoesBinaryEventArgumentsInABinaryAck() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("52-789[\"echo\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            client.sendBinary(new byte[]{1, 2, 3});
            client.sendBinary(new byte[]{4, 5, 6});

            assertThat(client.next()).isEqualTo("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            assertThat(client.nextBinary()).containsExactly(1, 2, 3);
            assertThat(client.nextBinary()).containsExactly(4, 5, 6);
        }
    }

    @Test
    void sendsAnAckAtMostOnce() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("23[\"twice\"]");

            assertThat(client.next()).isEqualTo("33[\"first\"]");
            assertThat(secondSends.next()).isFalse();
            client.send("2[\"marker\"]");
            assertThat(client.next()).isEqualTo("2[\"marker\"]");
        }
    }

    @Test
    void sendsNoAckWhenTheClientAskedForNone() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("2[\"maybe\"]");

            assertThat(requested.next()).isFalse();
            assertThat(secondSends.next()).isFalse();
            client.send("2[\"marker\"]");
            assertThat(client.next()).isEqualTo("2[\"marker\"]");
        }
    }

    @Test
    void completesTheServersEmitWithTheClientsAck() {
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();

            Future<List<JsonNode>> reply = socket.emitWithAck("confirm", Duration.ofSeconds(5), "order-42");

            assertThat(client.next()).isEqualTo("20[\"confirm\",\"order-42\"]");
            client.send("30[\"accepted\",{\"eta\":12}]");
            assertThat(result(reply)).containsExactly(SioClient.json("\"accepted\""), SioClient.json("{\"eta\":12}"));
        }
    }

    @Test
    void matchesEachAckToItsOwnEmitWhateverTheOrder() {
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();
            Future<List<JsonNode>> first = socket.emitWithAck("q", Duration.ofSeconds(5), 1);
            Future<List<JsonNode>> second = socket.emitWithAck("q", Duration.ofSeconds(5), 2);
            assertThat(client.next()).isEqualTo("20[\"q\",1]");
            assertThat(client.next()).isEqualTo("21[\"q\",2]");

            client.send("31[\"two\"]");
            client.send("30[\"one\"]");

            assertThat(result(first)).containsExactly(SioClient.json("\"one\""));
            assertThat(result(second)).containsExactly(SioClient.json("\"two\""));
        }
    }

    @Test
    void completesTheServersEmitWithABinaryAck() throws Exception {
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();
            Future<List<JsonNode>> reply = socket.emitWithAck("photo?", Duration.ofSeconds(5));
            assertThat(client.next()).isEqualTo("20[\"photo?\"]");

            client.send("61-0[{\"_placeholder\":true,\"num\":0}]");
            client.sendBinary(new byte[]{9, 8, 7});

            List<JsonNode> args = result(reply);
            assertThat(args).hasSize(1);
            assertThat(args.get(0).isBinary()).isTrue();
            assertThat(args.get(0).binaryValue()).containsExactly(9, 8, 7);
        }
    }

    @Test
    void failsTheServersEmitWhenTheClientDoesNotAckInTime() {
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();

            Future<List<JsonNode>> reply = socket.emitWithAck("confirm", Duration.ofMillis(200), "order-42");

            assertThat(client.next()).isEqualTo("20[\"confirm\",\"order-42\"]");
            assertThat(failureOf(reply)).isInstanceOf(AckTimeoutException.class).hasMessageContaining("confirm");
            // A late answer is ignored and does not hurt the connection.
            client.send("30[\"too late\"]");
            client.send("2[\"marker\"]");
            assertThat(client.next()).isEqualTo("2[\"marker\"]");
        }
    }

    @Test
    void failsPendingAcksWhenTheSocketDisconnects() {
        SioClient client = SioClient.connected(server);
        Socket socket = main.next();
        Future<List<JsonNode>> reply = socket.emitWithAck("confirm", Duration.ofSeconds(30));
        assertThat(client.next()).isEqualTo("20[\"confirm\"]");

        client.close();

        assertThat(failureOf(reply)).isInstanceOf(IllegalStateException.class).hasMessageContaining("transport close");
    }

    @Test
    void failsAnEmitWithAckOnADisconnectedSocket() {
        try (SioClient client = SioClient.connected(server)) {
            Socket socket = main.next();
            client.send("1");
            await().atMost(Duration.ofSeconds(5)).until(() -> !socket.connected());

            assertThat(failureOf(socket.emitWithAck("x", Duration.ofSeconds(5)))).isInstanceOf(IllegalStateException.class);
            assertThat(socket.emit("x")).isFalse();
        }
    }

    @Test
    void ignoresAnAckWithAnUnknownId() {
        try (SioClient client = SioClient.connected(server)) {
            client.send("399[\"nobody asked\"]");
            client.send("2[\"marker\"]");

            assertThat(client.next()).isEqualTo("2[\"marker\"]");
        }
    }
}
