package com.restaurantos.engineio;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

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

    /**
     * Writes the packet as one frame over the packet's own bytes. The public text-frame methods
     * would encode the string to UTF-8 again for every recipient of a broadcast; a frame built on
     * a fresh wrapper of the shared array costs one small object, and Netty releases the wrapper
     * (never the array) once it is written.
     */
    void write(EnginePacket packet) {
        WebSocketFrameType type = packet.isBinary() ? WebSocketFrameType.BINARY : WebSocketFrameType.TEXT;
        byte[] bytes = packet.isBinary() ? packet.binary() : packet.encodedBytes();
        socket.writeFrame(new WebSocketFrameImpl(type, Unpooled.wrappedBuffer(bytes), true));
    }

    void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
