package com.restaurantos.socketio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.EngineServer;
import com.restaurantos.socketio.ConnectError;
import com.restaurantos.socketio.ConnectionMiddleware;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Namespace;
import com.restaurantos.socketio.Socket;
import com.restaurantos.socketio.SocketIoOptions;
import com.restaurantos.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Socket.IO application the official-client tests talk to, served on 127.0.0.1 at a random
 * port with the library's default settings (connection state recovery on). The Node tests in
 * {@code e2e/} and {@link OfficialJavaClientTest} rely on exactly these events; keep them in step.
 *
 * <p>Namespace {@code /} (needs {@code auth.token == "valid-token"}):
 * <ul>
 *   <li>{@code echo} → emits {@code echo} back with the same arguments;</li>
 *   <li>{@code echo-ack} → acknowledges with the same arguments;</li>
 *   <li>{@code whoami} → acknowledges with {@code {namespace, id}};
 *       {@code server-transport} → acknowledges with the transport the server sees the client on;</li>
 *   <li>{@code ask-client} → asks the client {@code question} (with an ack) with the same arguments, then emits
 *       {@code client-answered} with the client's answer, or {@code client-answer-failed} with the reason;</li>
 *   <li>{@code binary-digest} → acknowledges with {@code [{path, size, sha256}]}, one entry per binary value
 *       found in the arguments, depth first (path: argument index, then keys and array indexes, joined by dots);</li>
 *   <li>{@code binary-sample} → acknowledges with {@link #binarySample()};
 *       {@code send-binary-sample} → emits {@code binary-sample} with it;</li>
 *   <li>{@code record(key)} → counts one handled call for that key, acknowledges with the new count;
 *       {@code handled-count(key)} → acknowledges with the count;</li>
 *   <li>{@code join(room)} → joins the room, acknowledges with true;</li>
 *   <li>{@code emit-sequence({event, count})} → emits {@code event} with 1..count to the caller, then
 *       acknowledges with the count (so the ack arrives after the events);</li>
 *   <li>{@code emit-to-room({room, event, value})} → broadcasts {@code event} with {@code value} to the room,
 *       then acknowledges with true;</li>
 *   <li>{@code emit-while-disconnected({sid, room, otherRoom})} → once socket {@code sid} has left, broadcasts
 *       {@code missed} 1 to {@code sid}, 2 to {@code room}, "not-for-you" to {@code otherRoom}, 3 to {@code sid},
 *       4 to {@code room}, then acknowledges with the reason the socket left for.</li>
 * </ul>
 * Namespace {@code /custom} (no auth): {@code whoami} and {@code echo-ack}, as above.
 */
final class TestApplication implements AutoCloseable {
    static final String GOOD_TOKEN = "valid-token";
    /** A bad token that the middleware rejects only after {@link #SLOW_REJECTION}, to probe the undecided state. */
    static final String SLOW_BAD_TOKEN = "slow-bad-token";
    static final Duration SLOW_REJECTION = Duration.ofMillis(150);
    static final Duration CLIENT_ACK_TIMEOUT = Duration.ofSeconds(5);
    static final int LARGE_BINARY_SIZE = 100_000;

    private final Vertx vertx;
    private final SocketIoServer io;
    private final HttpServer http;
    private final Map<String, AtomicInteger> handledByKey = new ConcurrentHashMap<>();
    /** Completes with the reason when the socket of that id leaves; replaced when the id comes back. */
    private final Map<String, Promise<String>> departures = new ConcurrentHashMap<>();

    private TestApplication(Vertx vertx, SocketIoServer io, HttpServer http) {
        this.vertx = vertx;
        this.io = io;
        this.http = http;
    }

    static TestApplication start() throws Exception {
        Vertx vertx = Vertx.vertx();
        SocketIoServer io = new SocketIoServer(vertx, SocketIoOptions.defaults());
        HttpServerOptions options = EngineServer.configure(new HttpServerOptions())
                .setHost("127.0.0.1")
                .setPort(0);
        HttpServer http = vertx.createHttpServer(options)
                .connectionHandler(io.engine()::onHttpConnection)
                .requestHandler(request -> {
                    if (!io.handle(request)) {
                        request.response().setStatusCode(404).end();
                    }
                });
        TestApplication app = new TestApplication(vertx, io, http);
        app.mount();
        await(http.listen());
        return app;
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + http.actualPort();
    }

    @Override
    public void close() throws Exception {
        await(io.close().eventually(() -> http.close()).eventually(() -> vertx.close()));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    // ---- the application -----------------------------------------------------------------

    private void mount() {
        Namespace main = io.sockets();
        main.use(this::authenticate);
        main.onConnection(socket -> {
            trackDeparture(socket);
            socket.on("echo", event -> socket.emit("echo", event.args().toArray()));
            socket.on("echo-ack", event -> event.ack().send(event.args().toArray()));
            socket.on("whoami", event -> event.ack().send(whoami(socket)));
            socket.on("server-transport", event -> event.ack().send(socket.transport()));
            socket.on("ask-client", event -> askClient(socket, event));
            socket.on("binary-digest", event -> event.ack().send(binaryDigests(event.args())));
            socket.on("binary-sample", event -> event.ack().send(binarySample()));
            socket.on("send-binary-sample", event -> socket.emit("binary-sample", binarySample()));
            socket.on("record", event -> event.ack().send(counter(event.arg().asText()).incrementAndGet()));
            socket.on("handled-count", event -> event.ack().send(counter(event.arg().asText()).get()));
            socket.on("join", event -> {
                socket.join(event.arg().asText());
                event.ack().send(true);
            });
            socket.on("emit-sequence", event -> {
                String name = event.arg().path("event").asText();
                int count = event.arg().path("count").asInt();
                for (int i = 1; i <= count; i++) {
                    socket.emit(name, i);
                }
                event.ack().send(count);
            });
            socket.on("emit-to-room", event -> {
                main.to(event.arg().path("room").asText())
                        .emit(event.arg().path("event").asText(), event.arg().path("value"));
                event.ack().send(true);
            });
            socket.on("emit-while-disconnected", event -> emitWhileDisconnected(main, event));
        });

        Namespace custom = io.of("/custom");
        custom.onConnection(socket -> {
            socket.on("whoami", event -> event.ack().send(whoami(socket)));
            socket.on("echo-ack", event -> event.ack().send(event.args().toArray()));
        });
    }

    /** Lets in {@link #GOOD_TOKEN}; refuses anything else with a ConnectError that carries data. */
    private void authenticate(Socket socket, ConnectionMiddleware.Next next) {
        JsonNode token = socket.auth().path("token");
        if (!token.isTextual()) {
            next.reject(new ConnectError("unauthorized", Map.of("code", "NO_TOKEN")));
        } else if (token.asText().equals(GOOD_TOKEN)) {
            next.proceed();
        } else if (token.asText().equals(SLOW_BAD_TOKEN)) {
            vertx.setTimer(SLOW_REJECTION.toMillis(), t -> next.reject(badToken()));
        } else {
            throw badToken(); // throwing rejects as well
        }
    }

    private static ConnectError badToken() {
        return new ConnectError("unauthorized", Map.of("code", "BAD_TOKEN", "hint", "log in again"));
    }

    private static ObjectNode whoami(Socket socket) {
        return JsonNodeFactory.instance.objectNode()
                .put("namespace", socket.namespace().name())
                .put("id", socket.id());
    }

    private AtomicInteger counter(String key) {
        return handledByKey.computeIfAbsent(key, k -> new AtomicInteger());
    }

    private void trackDeparture(Socket socket) {
        Promise<String> departure = Promise.promise();
        departures.put(socket.id(), departure);
        socket.onDisconnect(departure::tryComplete);
    }

    private static void askClient(Socket socket, Event event) {
        socket.emitWithAck("question", CLIENT_ACK_TIMEOUT, event.args().toArray()).onComplete(answer -> {
            if (answer.succeeded()) {
                socket.emit("client-answered", answer.result().toArray());
            } else {
                socket.emit("client-answer-failed", String.valueOf(answer.cause().getMessage()));
            }
        });
    }

    private void emitWhileDisconnected(Namespace namespace, Event event) {
        String sid = event.arg().path("sid").asText();
        String room = event.arg().path("room").asText();
        String otherRoom = event.arg().path("otherRoom").asText();
        Promise<String> departure = departures.get(sid);
        if (departure == null) {
            event.ack().send("unknown socket " + sid);
            return;
        }
        departure.future().onSuccess(reason -> {
            namespace.to(sid).emit("missed", 1);
            namespace.to(room).emit("missed", 2);
            namespace.to(otherRoom).emit("missed", "not-for-you");
            namespace.to(sid).emit("missed", 3);
            namespace.to(room).emit("missed", 4);
            event.ack().send(reason);
        });
    }

    // ---- binary payloads -----------------------------------------------------------------

    /**
     * Binary made by the server, for the clients to check byte by byte:
     * {@code {label: "binary-sample", allBytes: 0..255, nested: [255..0, {large: pattern}, <empty>]}}
     * where {@code pattern[i] = (i * 31 + 7) & 0xFF} for {@link #LARGE_BINARY_SIZE} bytes.
     */
    static ObjectNode binarySample() {
        ObjectNode sample = JsonNodeFactory.instance.objectNode();
        sample.put("label", "binary-sample");
        sample.put("allBytes", allByteValues());
        ArrayNode nested = sample.putArray("nested");
        nested.add(reversedByteValues());
        nested.addObject().put("large", largePattern());
        nested.add(new byte[0]);
        return sample;
    }

    static byte[] allByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    static byte[] reversedByteValues() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (255 - i);
        }
        return bytes;
    }

    static byte[] largePattern() {
        byte[] bytes = new byte[LARGE_BINARY_SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static ArrayNode binaryDigests(List<JsonNode> args) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < args.size(); i++) {
            collectDigests(args.get(i), String.valueOf(i), out);
        }
        return out;
    }

    private static void collectDigests(JsonNode node, String path, ArrayNode out) {
        if (node instanceof BinaryNode binary) {
            byte[] bytes = binary.binaryValue();
            out.addObject().put("path", path).put("size", bytes.length).put("sha256", sha256(bytes));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDigests(node.get(i), path + "." + i, out);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectDigests(field.getValue(), path + "." + field.getKey(), out);
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
