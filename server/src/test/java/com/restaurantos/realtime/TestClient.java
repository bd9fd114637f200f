package com.restaurantos.realtime;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.awaitility.core.ConditionFactory;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client of the real-time API: the official Java {@code socket.io-client}, without reconnection, that records
 * every event the server sends it. Payloads go out and come back as Vert.x JSON.
 *
 * <p>That client predates connection state recovery: the server appends each event's recovery offset as a
 * last argument, which this class leaves out. Acks carry no offset.
 */
final class TestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * One event from the server: its name, its first argument (a JsonObject, JsonArray or plain value) and when
     * it arrived ({@link System#nanoTime}).
     */
    record Received(String name, Object payload, long atNanos) {
        JsonObject object() {
            assertThat(payload).as("payload of " + name).isInstanceOf(JsonObject.class);
            return (JsonObject) payload;
        }

        JsonArray array() {
            assertThat(payload).as("payload of " + name).isInstanceOf(JsonArray.class);
            return (JsonArray) payload;
        }
    }

    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> disconnected = new CompletableFuture<>();
    private final long connectedAtMillis;

    private TestClient(Socket socket) {
        this.socket = socket;
        this.connectedAtMillis = System.currentTimeMillis();
    }

    // ---- connecting ----------------------------------------------------------------------

    /** How to connect: websocket only, unless told otherwise. */
    static final class Options {
        private String token;
        private final Map<String, List<String>> headers = new HashMap<>();
        private String query;
        private String[] transports = {WebSocket.NAME};
        private final Map<String, String> auth = new HashMap<>();

        Options auth(String token) {
            this.token = token;
            return this;
        }

        /** An auth payload entry besides the token. */
        Options auth(String key, String value) {
            auth.put(key, value);
            return this;
        }

        Options header(String name, String value) {
            headers.put(name, List.of(value));
            return this;
        }

        Options query(String query) {
            this.query = query;
            return this;
        }

        Options polling() {
            transports = new String[]{Polling.NAME};
            return this;
        }

        IO.Options build() {
            Map<String, String> payload = new HashMap<>(auth);
            if (token != null) {
                payload.put("token", token);
            }
            IO.Options options = IO.Options.builder()
                    .setForceNew(true)
                    .setReconnection(false)
                    .setTransports(transports)
                    .setExtraHeaders(headers)
                    .setQuery(query)
                    .setAuth(payload)
                    .setTimeout(WAIT.toMillis())
                    .build();
            return options;
        }
    }

    static Options options() {
        return new Options();
    }

    /** Waits up to {@link #WAIT}, checking often: what is awaited usually arrives within milliseconds. */
    static ConditionFactory awaiting() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    /** Connects, or fails the test with the server's connect_error. */
    static TestClient connect(String url, Options options) {
        TestClient client = open(url, options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        client.socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        client.socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error: " + Arrays.toString(args))));
        client.socket.connect();
        get(connected, "the connection");
        return client;
    }

    /** The connect_error the server answers this connection with: {@code {message, data}}. */
    static JsonObject refused(String url, Options options) {
        TestClient client = open(url, options);
        try {
            CompletableFuture<Object> refused = new CompletableFuture<>();
            client.socket.once(Socket.EVENT_CONNECT_ERROR, args -> refused.complete(args[0]));
            client.socket.once(Socket.EVENT_CONNECT, args -> refused.completeExceptionally(
                    new AssertionError("connected, but a connect_error was expected")));
            client.socket.connect();
            Object error = get(refused, "the connect_error");
            assertThat(error).isInstanceOf(JSONObject.class);
            assertThat(client.socket.connected()).isFalse();
            assertThat(client.received).as("events received by a refused client").isEmpty();
            return new JsonObject(error.toString());
        } finally {
            client.close();
        }
    }

    private static TestClient open(String url, Options options) {
        TestClient client = new TestClient(IO.socket(URI.create(url), options.build()));
        client.socket.onAnyIncoming(args -> client.received.add(new Received((String) args[0],
                args.length > 1 ? fromClient(args[1]) : null, System.nanoTime())));
        client.socket.on(Socket.EVENT_DISCONNECT, args -> client.disconnected.complete(String.valueOf(args[0])));
        return client;
    }

    // ---- talking -------------------------------------------------------------------------

    /** Emits the event with an ack callback and returns what the server acked with (its first argument). */
    JsonObject ack(String event, Object... args) {
        CompletableFuture<Object[]> reply = new CompletableFuture<>();
        socket.emit(event, toClient(args), reply::complete);
        Object[] answer = get(reply, "the ack of " + event);
        assertThat(answer).as("ack arguments of " + event).hasSize(1);
        return (JsonObject) fromClient(answer[0]);
    }

    /** Emits the event with an ack callback at once; the reply completes the future. Emits go out in order. */
    CompletableFuture<JsonObject> ackLater(String event, Object... args) {
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        socket.emit(event, toClient(args), answer -> reply.complete((JsonObject) fromClient(answer[0])));
        return reply.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Emits the event without an ack callback. */
    void emit(String event, Object... args) {
        socket.emit(event, toClient(args));
    }

    /**
     * A round trip: once it returns, this client has received everything the server had queued for it before
     * (the server writes a socket's packets in the order it queues them). What a test expects not to arrive
     * would have arrived by then. It costs one refused {@code join:restaurant} event.
     */
    void barrier() {
        JsonObject reply = ack("join:restaurant", false);
        assertThat(reply.getJsonObject("error").getString("code")).isEqualTo("INVALID_PAYLOAD");
    }

    // ---- what arrived --------------------------------------------------------------------

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The names of the events received so far, in order. */
    List<String> names() {
        return received.stream().map(Received::name).toList();
    }

    /** The payloads of the events of this name received so far, in order. */
    List<Object> all(String event) {
        return received.stream().filter(r -> r.name().equals(event)).map(Received::payload).toList();
    }

    /** Waits for the first event of this name and returns its payload. */
    Received first(String event) {
        return awaiting().alias("the event " + event)
                .until(() -> received.stream().filter(r -> r.name().equals(event)).findFirst(),
                        java.util.Optional::isPresent).orElseThrow();
    }

    /** Waits for the {@code n}th event (1-based) of this name and returns them all. */
    List<Received> atLeast(int n, String event) {
        return awaiting().alias(n + " events " + event).until(
                () -> received.stream().filter(r -> r.name().equals(event)).toList(), list -> list.size() >= n);
    }

    boolean connected() {
        return socket.connected();
    }

    /** Waits for the client to be disconnected and returns the reason its library gives. */
    String awaitDisconnect() {
        return get(disconnected, "the disconnection");
    }

    long connectedAtMillis() {
        return connectedAtMillis;
    }

    @Override
    public void close() {
        socket.disconnect();
    }

    // ---- JSON between the two worlds -------------------------------------------------------

    private static Object[] toClient(Object[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = toClient(args[i]);
        }
        return out;
    }

    private static Object toClient(Object arg) {
        try {
            if (arg instanceof JsonObject json) {
                return new JSONObject(json.encode());
            }
            if (arg instanceof JsonArray json) {
                return new JSONArray(json.encode());
            }
            return arg == null ? JSONObject.NULL : arg;
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Object fromClient(Object arg) {
        if (arg instanceof JSONObject json) {
            return new JsonObject(json.toString());
        }
        if (arg instanceof JSONArray json) {
            return new JsonArray(json.toString());
        }
        return arg == JSONObject.NULL ? null : arg;
    }

    private static <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + WAIT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError error) {
                throw error;
            }
            throw new AssertionError(what + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
