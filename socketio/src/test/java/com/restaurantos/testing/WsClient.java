package com.restaurantos.testing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw WebSocket client that queues every message it receives (a String for a text frame, a
 * byte[] for a binary one) for the test thread to read in order, with a timeout.
 */
public final class WsClient implements AutoCloseable {
    private final WebSocketClient client;
    private final ClientWebSocket ws;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Short> closed = new CompletableFuture<>();

    private WsClient(WebSocketClient client, ClientWebSocket ws) {
        this.client = client;
        this.ws = ws;
    }

    /** Connects to the engine path with this query; fails the test if the upgrade is refused. */
    public static WsClient connect(TestServer server, String query) {
        return connect(server, query, null);
    }

    public static WsClient connect(TestServer server, String query, String origin) {
        WsClient c = open(server, query, origin);
        TestServer.await(c.pending);
        return c;
    }

    /** Tries to connect; the returned future fails if the server refuses the upgrade. */
    public static Future<WsClient> attempt(TestServer server, String query) {
        return attempt(server, query, null);
    }

    public static Future<WsClient> attempt(TestServer server, String query, String origin) {
        WsClient c = open(server, query, origin);
        return c.pending.map(ws -> c);
    }

    private Future<?> pending;

    private static WsClient open(TestServer server, String query, String origin) {
        WebSocketClient client = server.vertx().createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(16 * 1024 * 1024)
                .setMaxMessageSize(16 * 1024 * 1024));
        ClientWebSocket ws = client.webSocket();
        WsClient c = new WsClient(client, ws);
        // Handlers are in place before the upgrade, so nothing sent right after the 101 is missed.
        ws.textMessageHandler(c.received::add);
        ws.binaryMessageHandler(b -> c.received.add(b.getBytes()));
        ws.closeHandler(v -> c.closed.complete(ws.closeStatusCode()));
        ws.exceptionHandler(e -> { });
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(server.port())
                .setURI(server.uri(query));
        if (origin != null) {
            options.addHeader("Origin", origin);
        } else {
            // Like a native client: Vert.x would otherwise send an Origin of its own.
            options.setAllowOriginHeader(false);
        }
        c.pending = ws.connect(options);
        return c;
    }

    /** The next message, text or binary. */
    public Object next() {
        try {
            Object message = received.poll(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + TestServer.TIMEOUT + (closed.isDone() ? " (closed)" : ""));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String nextText() {
        Object message = next();
        if (!(message instanceof String text)) {
            throw new AssertionError("expected a text frame, got " + ((byte[]) message).length + " bytes");
        }
        return text;
    }

    public byte[] nextBinary() {
        Object message = next();
        if (!(message instanceof byte[] bytes)) {
            throw new AssertionError("expected a binary frame, got text " + message);
        }
        return bytes;
    }

    /** Messages received and not read yet. */
    public int unread() {
        return received.size();
    }

    public void send(String text) {
        TestServer.await(ws.writeTextMessage(text));
    }

    public void sendBinary(byte[] data) {
        TestServer.await(ws.writeBinaryMessage(Buffer.buffer(data)));
    }

    /** Completes with the close status code once the connection is closed, by either side. */
    public CompletableFuture<Short> closed() {
        return closed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Waits for the server to close the connection. */
    public void awaitClosed() {
        try {
            closed.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the connection was not closed in time", e);
        }
    }

    @Override
    public void close() {
        if (!ws.isClosed()) {
            TestServer.await(ws.close());
        }
        client.close();
    }
}
