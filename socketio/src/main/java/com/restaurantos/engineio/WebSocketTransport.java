package com.restaurantos.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * One WebSocket connection carrying a session: a packet a frame, text or binary.
 *
 * <p>Packets are written as whole frames that the packet built once (see {@link WebSocketFrames}),
 * straight into the connection's Netty pipeline below Vert.x: per recipient of a broadcast that is one
 * small wrapper of a shared array, with no promise, no re-encoding and no compression of its own, and
 * a session's packets leave in one flush. Vert.x still owns the connection (handshake, reading, ping,
 * close); everything here runs on the connection's event loop, so both write in order.
 */
final class WebSocketTransport {
    static final String NAME = "websocket";

    final ServerWebSocket socket;
    /** The event loop that owns the connection; writes are made from it so they keep their order. */
    final Context context;
    final Thread thread;
    private final ChannelHandlerContext pipeline;
    private final boolean deflate;
    private final int compressionThreshold;
    private Runnable whenWritable;

    WebSocketTransport(ServerWebSocket socket, Context context, Thread thread, int compressionThreshold) {
        this.socket = socket;
        this.context = context;
        this.thread = thread;
        this.pipeline = ((WebSocketInternal) socket).channelHandlerContext();
        // permessage-deflate is the one extension negotiated (DeflateNegotiation): its encoder is in the pipeline.
        this.deflate = pipeline.pipeline().get(WebSocketExtensionEncoder.class) != null;
        this.compressionThreshold = compressionThreshold;
    }

    /** Whether a frame may be written now: the connection is open and its outbound buffer under its high mark. */
    boolean writable() {
        return !socket.isClosed() && pipeline.channel().isWritable();
    }

    /** Writes the packet's frame without flushing; {@link #flush} sends what was written. */
    void write(EnginePacket packet) {
        pipeline.write(Unpooled.wrappedBuffer(packet.webSocketFrame(deflate, compressionThreshold)),
                pipeline.voidPromise());
    }

    void flush() {
        pipeline.flush();
    }

    /**
     * Runs the task once the connection can take writes again. The watcher is put in the pipeline the
     * first time a connection falls behind, so that connections that keep up carry nothing extra.
     */
    void whenWritable(Runnable task) {
        if (whenWritable == null) {
            pipeline.pipeline().addBefore(pipeline.name(), null, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    Runnable next = whenWritable;
                    if (ctx.channel().isWritable() && next != null) {
                        next.run();
                    }
                    ctx.fireChannelWritabilityChanged();
                }
            });
        }
        whenWritable = task;
    }

    void close() {
        if (!socket.isClosed()) {
            flush();
            socket.close();
        }
    }
}
