package com.restaurantos.socketio.e2e;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official Java client ({@code io.socket:socket.io-client} 2.1.2) against {@link TestApplication}.
 * That client predates connection state recovery: it ignores the offset the server appends to
 * each event as a last argument, so the tests check it is there and look past it.
 */
class OfficialJavaClientTest {
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final String DEFAULT_TRANSPORTS = "polling,websocket";

    private static TestApplication app;
    private static ServerLogWatch serverLog;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        serverLog = ServerLogWatch.start();
        app = TestApplication.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            app.close();
            assertThat(serverLog.problems()).as("warnings and errors the server logged").isEmpty();
        } finally {
            serverLog.close();
        }
    }

    @AfterEach
    void disconnectClients() {
        sockets.forEach(Socket::disconnect);
    }

    // ---- transports ----------------------------------------------------------------------

    @Test
    void websocketOnlyClientConnectsAndAnEventMakesTheRoundTrip() throws Exception {
        Socket socket = connected("/", options(WebSocket.NAME));
        assertThat(ack(socket, "server-transport")).containsExactly("websocket");

        CompletableFuture<Object[]> echo = next(socket, "echo");
        socket.emit("echo", "hello", new JSONObject().put("table", 12));

        Object[] args = withoutOffset(get(echo));
        assertThat(args).hasSize(2);
        assertThat(args[0]).isEqualTo("hello");
        assertThat(((JSONObject) args[1]).getInt("table")).isEqualTo(12);
    }

    @Test
    void clientWithDefaultTransportsUpgradesToWebsocketAndAnEventMakesTheRoundTrip() throws Exception {
        Socket socket = connected("/", options(Polling.NAME, WebSocket.NAME));
        await().atMost(STEP).untilAsserted(
                () -> assertThat(ack(socket, "server-transport")).containsExactly("websocket"));

        CompletableFuture<Object[]> echo = next(socket, "echo");
        socket.emit("echo", "after upgrade");
        assertThat(withoutOffset(get(echo))).containsExactly("after upgrade");
    }

    @Test
    void pollingOnlyClientConnectsAndAnEventMakesTheRoundTrip() throws Exception {
        Socket socket = connected("/", options(Polling.NAME));
        CompletableFuture<Object[]> echo = next(socket, "echo");
        socket.emit("echo", "over polling", 7);
        assertThat(withoutOffset(get(echo))).containsExactly("over polling", 7);
        assertThat(ack(socket, "server-transport")).containsExactly("polling");
    }

    // ---- acks ----------------------------------------------------------------------------

    @Test
    void clientAckCallbackReceivesEveryArgumentTheServerAcknowledgesWith() throws Exception {
        Socket socket = connected("/", options(WebSocket.NAME));
        Object[] reply = ack(socket, "echo-ack", "order-17", 3, true, new JSONArray().put("soup"));
        assertThat(reply).hasSize(4);
        assertThat(Arrays.copyOf(reply, 3)).containsExactly("order-17", 3, true);
        assertThat(((JSONArray) reply[3]).getString(0)).isEqualTo("soup");
    }

    @Test
    void serverQuestionIsAnsweredByTheClientAckAndTheServerGetsTheAnswer() throws Exception {
        Socket socket = connected("/", options(WebSocket.NAME));
        CompletableFuture<Object[]> question = new CompletableFuture<>();
        socket.on("question", args -> {
            question.complete(Arrays.copyOf(args, args.length - 1));
            io.socket.client.Ack answer = (io.socket.client.Ack) args[args.length - 1];
            answer.call(object("doubled", ((JSONObject) args[0]).optInt("n") * 2), "second");
        });
        CompletableFuture<Object[]> relayed = next(socket, "client-answered");

        socket.emit("ask-client", new JSONObject().put("n", 21));

        Object[] answer = withoutOffset(get(relayed));
        assertThat(answer).hasSize(2);
        assertThat(((JSONObject) answer[0]).getInt("doubled")).isEqualTo(42);
        assertThat(answer[1]).isEqualTo("second");
        assertThat(get(question)).hasSize(1).allSatisfy(q -> assertThat(((JSONObject) q).getInt("n")).isEqualTo(21));
    }

    // ---- binary --------------------------------------------------------------------------

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {WebSocket.NAME, Polling.NAME, DEFAULT_TRANSPORTS})
    void binaryFromTheClientArrivesByteExact(String transports) throws Exception {
        Socket socket = connected("/", options(transports.split(",")));
        JSONObject payload = new JSONObject()
                .put("allBytes", TestApplication.allByteValues())
                .put("nested", new JSONArray()
                        .put(TestApplication.reversedByteValues())
                        .put(new JSONObject().put("large", TestApplication.largePattern())));

        Object[] reply = ack(socket, "binary-digest", payload, "text", TestApplication.allByteValues());

        JSONArray digests = (JSONArray) reply[0];
        assertThat(digestsByPath(digests)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "0.allBytes", digest(TestApplication.allByteValues()),
                "0.nested.0", digest(TestApplication.reversedByteValues()),
                "0.nested.1.large", digest(TestApplication.largePattern()),
                "2", digest(TestApplication.allByteValues())));
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {WebSocket.NAME, Polling.NAME, DEFAULT_TRANSPORTS})
    void binaryFromTheServerArrivesByteExactInAnAckAndInAnEvent(String transports) throws Exception {
        Socket socket = connected("/", options(transports.split(",")));

        assertServerSample((JSONObject) ack(socket, "binary-sample")[0]);

        CompletableFuture<Object[]> event = next(socket, "binary-sample");
        socket.emit("send-binary-sample");
        Object[] args = withoutOffset(get(event));
        assertThat(args).hasSize(1);
        assertServerSample((JSONObject) args[0]);
    }

    @Test
    void binaryInTheClientAckToAServerQuestionArrivesByteExact() throws Exception {
        Socket socket = connected("/", options(WebSocket.NAME));
        socket.on("question", args -> ((io.socket.client.Ack) args[args.length - 1])
                .call(TestApplication.allByteValues(), object("large", TestApplication.largePattern())));
        CompletableFuture<Object[]> relayed = next(socket, "client-answered");

        socket.emit("ask-client", "send me bytes");

        Object[] answer = withoutOffset(get(relayed));
        assertThat(answer).hasSize(2);
        assertThat((byte[]) answer[0]).isEqualTo(TestApplication.allByteValues());
        assertThat((byte[]) ((JSONObject) answer[1]).get("large")).isEqualTo(TestApplication.largePattern());
    }

    // ---- namespaces and auth -------------------------------------------------------------

    @Test
    void customNamespaceConnectsAndItsHandlersAnswer() throws Exception {
        Socket socket = connected("/custom", options(WebSocket.NAME));
        JSONObject identity = (JSONObject) ack(socket, "whoami")[0];
        assertThat(identity.getString("namespace")).isEqualTo("/custom");
        assertThat(identity.getString("id")).isEqualTo(socket.id());
    }

    @Test
    void unknownNamespaceIsRefusedWithInvalidNamespace() throws Exception {
        JSONObject error = refusal("/no-such-namespace", options(WebSocket.NAME));
        assertThat(error.getString("message")).isEqualTo("Invalid namespace");
    }

    @Test
    void badTokenIsRefusedWithTheMiddlewareMessageAndData() throws Exception {
        IO.Options options = options(WebSocket.NAME);
        options.auth = Map.of("token", "stolen");
        JSONObject error = refusal("/", options);
        assertThat(error.getString("message")).isEqualTo("unauthorized");
        JSONObject data = error.getJSONObject("data");
        assertThat(data.getString("code")).isEqualTo("BAD_TOKEN");
        assertThat(data.getString("hint")).isEqualTo("log in again");
    }

    @Test
    void missingTokenIsRefusedWithItsOwnErrorData() throws Exception {
        IO.Options options = options(Polling.NAME);
        options.auth = Map.of();
        JSONObject error = refusal("/", options);
        assertThat(error.getString("message")).isEqualTo("unauthorized");
        assertThat(error.getJSONObject("data").getString("code")).isEqualTo("NO_TOKEN");
    }

    // ---- helpers -------------------------------------------------------------------------

    private static IO.Options options(String... transports) {
        IO.Options options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(transports)
                .setAuth(Map.of("token", TestApplication.GOOD_TOKEN))
                .build();
        return options;
    }

    private Socket socket(String namespace, IO.Options options) {
        Socket socket = IO.socket(URI.create(app.url() + namespace), options);
        sockets.add(socket);
        return socket;
    }

    private Socket connected(String namespace, IO.Options options) throws Exception {
        Socket socket = socket(namespace, options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error on " + namespace + ": " + Arrays.toString(args))));
        socket.connect();
        get(connected);
        return socket;
    }

    /** The data of the connect_error the server answers this connection with. */
    private JSONObject refusal(String namespace, IO.Options options) throws Exception {
        Socket socket = socket(namespace, options);
        CompletableFuture<Object> refused = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> refused.complete(args[0]));
        socket.once(Socket.EVENT_CONNECT, args -> refused.completeExceptionally(
                new AssertionError(namespace + " connected but a connect_error was expected")));
        socket.connect();
        Object error = get(refused);
        assertThat(error).isInstanceOf(JSONObject.class);
        assertThat(socket.connected()).isFalse();
        return (JSONObject) error;
    }

    /** The server's acknowledgement of this event. */
    private static Object[] ack(Socket socket, String event, Object... args) throws Exception {
        CompletableFuture<Object[]> reply = new CompletableFuture<>();
        socket.emit(event, args, reply::complete);
        return get(reply);
    }

    private static CompletableFuture<Object[]> next(Socket socket, String event) {
        CompletableFuture<Object[]> received = new CompletableFuture<>();
        socket.once(event, received::complete);
        return received;
    }

    private static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(STEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks the recovery offset the server appends to events and returns the event's own arguments. */
    private static Object[] withoutOffset(Object[] args) {
        assertThat(args).as("an event carries its recovery offset last").isNotEmpty();
        assertThat(args[args.length - 1]).as("the recovery offset").isInstanceOf(String.class);
        return Arrays.copyOf(args, args.length - 1);
    }

    /** A one-field JSON object; for client callbacks, which may not throw org.json's checked exception. */
    private static JSONObject object(String key, Object value) {
        try {
            return new JSONObject().put(key, value);
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> digestsByPath(JSONArray digests) throws JSONException {
        Map<String, String> byPath = new java.util.HashMap<>();
        for (int i = 0; i < digests.length(); i++) {
            JSONObject d = digests.getJSONObject(i);
            byPath.put(d.getString("path"), d.getInt("size") + ":" + d.getString("sha256"));
        }
        return byPath;
    }

    private static String digest(byte[] bytes) {
        return bytes.length + ":" + TestApplication.sha256(bytes);
    }

    private static void assertServerSample(JSONObject sample) throws JSONException {
        assertThat(sample.getString("label")).isEqualTo("binary-sample");
        assertThat((byte[]) sample.get("allBytes")).isEqualTo(TestApplication.allByteValues());
        JSONArray nested = sample.getJSONArray("nested");
        assertThat(nested.length()).isEqualTo(3);
        assertThat((byte[]) nested.get(0)).isEqualTo(TestApplication.reversedByteValues());
        assertThat((byte[]) nested.getJSONObject(1).get("large")).isEqualTo(TestApplication.largePattern());
        assertThat((byte[]) nested.get(2)).isEmpty();
    }
}
