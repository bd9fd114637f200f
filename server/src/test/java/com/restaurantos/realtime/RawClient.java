package com.restaurantos.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;


/**
 * Socket.IO v5 over a bare websocket, for what the official Java client cannot do: connection state recovery
 * ({@code pid} and {@code offset} in the CONNECT auth payload) and losing the transport without a goodbye.
 * One Engine.IO packet per frame; tests are shorter than a ping interval, so it never needs to answer a ping.
 */
final class RawClient implements AutoCloseable {
    private final WebSocket ws;
    private final List<String> frames;

    private RawClient(WebSocket ws, List<String> frames) {
        this.ws = ws;
        this.frames = frames;
    }

    /** Opens a websocket and sends CONNECT with this auth payload; returns once the server answered it. */
    static RawClient connect(int port, JsonObject auth) throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    frames.add(partial.toString());
                                    partial.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }
                        })
                .get(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        RawClient client = new RawClient(ws, frames);
        client.awaitFrame(f -> f.startsWith("0{"));
        client.send("40" + auth.encode());
        client.awaitFrame(f -> f.startsWith("40") || f.startsWith("44"));
        return client;
    }

    /** The CONNECT reply ({@code {sid, pid}}); empty when the server refused the connection. */
    Optional<JsonObject> connectReply() {
        return frames.stream().filter(f -> f.startsWith("40")).findFirst().map(f -> new JsonObject(f.substring(2)));
    }

    /** The events received so far, each as {@code [name, args..., offset]}. */
    List<JsonArray> events() {
        return frames.stream().filter(f -> f.startsWith("42")).map(f -> new JsonArray(f.substring(2))).toList();
    }

    List<String> eventNames() {
        return events().stream().map(e -> e.getString(0)).toList();
    }

    /** Waits for the first event of this name and returns its first argument. */
    JsonObject first(String event) {
        String frame = awaitFrame(f -> f.startsWith("42[\"" + event + "\""));
        return new JsonArray(frame.substring(2)).getJsonObject(1);
    }

    /** The recovery offset of the last event received. */
    String lastOffset() {
        List<JsonArray> events = events();
        JsonArray last = events.get(events.size() - 1);
        return last.getString(last.size() - 1);
    }

    /** Sends an event with ack id {@code id} and returns the ack's first argument. */
    JsonObject ack(int id, String event, Object arg) {
        send("42" + id + new JsonArray().add(event).add(arg).encode());
        String reply = awaitFrame(f -> f.startsWith("43" + id + "["));
        return new JsonArray(reply.substring(("43" + id).length())).getJsonObject(0);
    }

    /** Loses the connection without a Socket.IO or Engine.IO goodbye, as a dropped network does. */
    void drop() {
        ws.abort();
    }

    private void send(String frame) {
        ws.sendText(frame, true).join();
    }

    private String awaitFrame(Predicate<String> match) {
        return TestClient.awaiting().until(() -> frames.stream().filter(match).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    @Override
    public void close() {
        ws.abort();
    }
}
