package com.restaurantos.testing;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import org.json.JSONObject;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Kitchen screens: the official Java client ({@code io.socket} 2.1.2) over WebSocket, with a token. */
public final class Screens {
    private Screens() {
    }

    /** A screen that records why it was disconnected and counts its connections. */
    public static final class Screen {
        public final Socket socket;
        public final List<String> disconnects = new CopyOnWriteArrayList<>();
        public final List<Long> connects = new CopyOnWriteArrayList<>();
        public final List<JSONObject> created = new CopyOnWriteArrayList<>();

        Screen(Socket socket) {
            this.socket = socket;
            socket.on(Socket.EVENT_CONNECT, args -> connects.add(System.nanoTime()));
            socket.on(Socket.EVENT_DISCONNECT, args -> disconnects.add(String.valueOf(args.length > 0 ? args[0] : "")));
            socket.on("order:created", args -> created.add((JSONObject) args[0]));
        }

        /** Emits the event with an ack and returns the ack's first argument. */
        public JSONObject call(String event, Object payload) throws Exception {
            CompletableFuture<JSONObject> ack = new CompletableFuture<>();
            socket.emit(event, new Object[]{payload}, args -> ack.complete((JSONObject) args[0]));
            return ack.get(10, TimeUnit.SECONDS);
        }

        /** Joins the restaurant room; fails unless the server says yes. */
        public Screen join(String restaurantId) throws Exception {
            JSONObject ack = call("join:restaurant", restaurantId);
            if (!ack.optBoolean("success")) {
                throw new AssertionError("join:restaurant refused: " + ack);
            }
            return this;
        }
    }

    /**
     * Connects and waits for the connection.
     *
     * @param reconnect whether the client reconnects by itself (every 100-500 ms) after losing the connection
     */
    public static Screen connect(String url, String token, boolean reconnect) throws Exception {
        IO.Options options = IO.Options.builder()
                .setTransports(new String[]{WebSocket.NAME})
                .setForceNew(true)
                .setReconnection(reconnect)
                .setReconnectionDelay(100)
                .setReconnectionDelayMax(500)
                .setRandomizationFactor(0)
                .setAuth(Map.of("token", token))
                .build();
        Socket socket = IO.socket(URI.create(url), options);
        Screen screen = new Screen(socket);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new AssertionError("connect_error: " + (args.length > 0 ? args[0] : ""))));
        socket.connect();
        try {
            connected.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.close();
            throw e;
        }
        return screen;
    }
}
