package com.restaurantos.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Socket.IO client of the main namespace written out by hand on a {@link RawWebSocket}: CONNECT with a token,
 * events with acks, pings answered. It records every event it receives with the time it arrived.
 */
public final class RawSocketIo implements AutoCloseable {
    /** An event as received: its name, its first argument and when it arrived. */
    public record Received(String name, Object data, long atNanos) {
    }

    private final RawWebSocket ws;
    private final String sid;
    private final List<Received> events = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Integer, CompletableFuture<JsonObject>> acks = new ConcurrentHashMap<>();
    private final AtomicInteger nextAck = new AtomicInteger();
    private final Thread reader;

    private RawSocketIo(RawWebSocket ws, String sid) {
        this.ws = ws;
        this.sid = sid;
        this.reader = new Thread(this::read, "raw-sio-reader");
        reader.setDaemon(true);
    }

    /** Opens a WebSocket session and joins the main namespace with this token; fails if refused. */
    public static RawSocketIo connect(int port, String token) throws Exception {
        return connect(port, token, 0);
    }

    /** As {@link #connect(int, String)}, with a small TCP receive buffer (for a client that will stop reading). */
    public static RawSocketIo connect(int port, String token, int receiveBuffer) throws Exception {
        return connect(port, new JsonObject().put("token", token), receiveBuffer);
    }

    /** Joins the main namespace with this CONNECT auth payload ({@code token}, and e.g. {@code batch}). */
    public static RawSocketIo connect(int port, JsonObject auth) throws Exception {
        return connect(port, auth, 0);
    }

    private static RawSocketIo connect(int port, JsonObject auth, int receiveBuffer) throws Exception {
        RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket", receiveBuffer, true);
        String open = ws.nextText(5_000);
        if (!open.startsWith("0{")) {
            throw new AssertionError("expected the Engine.IO open packet, got " + open);
        }
        ws.sendText("40" + auth.encode());
        while (true) {
            String packet = ws.nextText(5_000);
            if (packet.startsWith("40{")) {
                break;
            }
            if (!packet.equals("2")) {
                throw new AssertionError("expected the CONNECT reply, got " + packet);
            }
            ws.sendText("3");
        }
        RawSocketIo client = new RawSocketIo(ws, new JsonObject(open.substring(1)).getString("sid"));
        client.reader.start();
        return client;
    }

    public RawWebSocket ws() {
        return ws;
    }

    /** The Engine.IO session id. */
    public String sid() {
        return sid;
    }

    private void read() {
        try {
            while (true) {
                Object message = ws.next(60_000);
                if (message == null) {
                    if (ws.isClosed()) {
                        return;
                    }
                    continue;
                }
                if (!(message instanceof String text)) {
                    continue;
                }
                long at = System.nanoTime();
                if (text.equals("2")) {
                    ws.sendText("3");
                } else if (text.startsWith("42")) {
                    JsonArray data = new JsonArray(text.substring(2));
                    events.add(new Received(data.getString(0), data.size() > 1 ? data.getValue(1) : null, at));
                } else if (text.startsWith("43")) {
                    int bracket = text.indexOf('[');
                    int id = Integer.parseInt(text.substring(2, bracket));
                    CompletableFuture<JsonObject> ack = acks.remove(id);
                    if (ack != null) {
                        ack.complete(new JsonArray(text.substring(bracket)).getJsonObject(0));
                    }
                }
            }
        } catch (InterruptedException | IOException | RuntimeException e) {
            // the connection is gone
        }
    }

    /** Emits an event with an ack and returns the ack's first argument. */
    public JsonObject call(String event, Object payload) throws Exception {
        int id = nextAck.getAndIncrement();
        CompletableFuture<JsonObject> ack = new CompletableFuture<>();
        acks.put(id, ack);
        ws.sendText("42" + id + new JsonArray().add(event).add(payload).encode());
        return ack.get(10, TimeUnit.SECONDS);
    }

    /** Emits an event without an ack. */
    public void emit(String event, Object payload) throws IOException {
        ws.sendText("42" + new JsonArray().add(event).add(payload).encode());
    }

    /** Joins the restaurant room; fails unless the server says yes. */
    public RawSocketIo join(String restaurantId) throws Exception {
        JsonObject ack = call("join:restaurant", restaurantId);
        if (!Boolean.TRUE.equals(ack.getBoolean("success"))) {
            throw new AssertionError("join:restaurant refused: " + ack);
        }
        return this;
    }

    /** The events received so far, in order. */
    public List<Received> events() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        ws.close();
    }
}
