package com.restaurantos.engineio;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** One WebSocket connection carrying a session: a packet a frame, text or binary. */
final class WebSocketTransport {
    static final String NAME = "websocket";

    final ServerWebSocket socket;
    /** The event loop that owns the connection; writes are made from it so they keep their order. */
    final Context context;
    final Thread thread;

    WebSocketTransport(ServerWebSocket socket, Context context, Thread thread) {
        this.socket = socket;
        this.context = context;
        this.thread = thread;
    }

    /** Whether a frame may be written now; false once the peer's close frame has arrived. */
    boolean writable() {
        // isClosed first: Vert.x's writeQueueFull throws once the WebSocket is closed.
        return !socket.isClosed() && !socket.writeQueueFull();
    }

    void write(EnginePacket packet) {
        if (packet.isBinary()) {
            socket.writeBinaryMessage(Buffer.buffer(packet.binary()));
        } else {
            socket.writeTextMessage(packet.encodedText());
        }
    }

    void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
