package com.restaurantos.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection carrying a session: a packet a frame, text or binary.
 *
 * <p>The connection is ours from the handshake on ({@link WebSocketUpgrade}): this handler is the last of its
 * Netty pipeline, after the frame codec and permessage-deflate, and nothing of Vert.x stays with it. It answers
 * pings and close frames, joins fragmented messages and checks that text is UTF-8 itself, rather than with a
 * handler more per connection for each. That is what keeps an idle connection small: no per-connection
 * queues, no copy of the upgrade request, no promise per write.
 *
 * <p>Packets are written as whole frames that the packet built once (see {@link WebSocketFrames}): per
 * recipient of a broadcast that is one small wrapper of a shared array, and a session's packets leave in one
 * flush. Everything here runs on the connection's event loop, inside its Vert.x context, so that what the layers
 * above do with a message (timers, blocking work, replies) stays on this loop.
 */
final class WebSocketTransport extends ChannelInboundHandlerAdapter {
    static final String NAME = "websocket";

    /** What the session hears from its connection; called on the connection's event loop. */
    interface Receiver {
        void onText(String text);

        void onBinary(byte[] data);

        /** The connection is gone or going: closed by the client ({@link CloseReason#TRANSPORT_CLOSE}) or broken. */
        void onEnd(String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
    /** How long a close frame we sent waits for the client's before the connection is cut anyway. */
    private static final long CLOSE_GRACE_MILLIS = 1_000;
    private static final Receiver NOBODY = new Receiver() {
        @Override
        public void onText(String text) {
        }

        @Override
        public void onBinary(byte[] data) {
        }

        @Override
        public void onEnd(String reason) {
        }
    };

    /** The event loop that owns the connection; writes are made from it so they keep their order. */
    final ContextInternal context;
    final Thread thread;
    private final int compressionThreshold;
    private final int maxPayload;
    private ChannelHandlerContext pipeline;
    private final boolean deflate;
    private boolean closing;
    private boolean ended;
    private Receiver receiver = NOBODY;
    private Runnable whenWritable;
    // A message arriving in fragments, until its last.
    private CompositeByteBuf fragments;
    private boolean fragmentsAreText;

    /** @param deflate whether permessage-deflate was agreed on (see {@link DeflateNegotiation}) */
    WebSocketTransport(ContextInternal context, Thread thread, int compressionThreshold, int maxPayload, boolean deflate) {
        this.context = context;
        this.thread = thread;
        this.compressionThreshold = compressionThreshold;
        this.maxPayload = maxPayload;
        this.deflate = deflate;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pipeline = ctx;
    }

    /** Sets who hears the connection's messages and its end. On the connection's event loop. */
    void receiver(Receiver receiver) {
        this.receiver = receiver;
    }

    /** Whether a frame may be written now: the connection is open and its outbound buffer under its high mark. */
    boolean writable() {
        return !closing && pipeline.channel().isWritable();
    }

    /** Whether the connection is closed or closing: nothing more will be written to it. */
    boolean isClosed() {
        return closing || !pipeline.channel().isActive();
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
     * Runs the task once the connection can take writes again. Only the last task given is run: the session
     * gives the same one each time it falls behind.
     */
    void whenWritable(Runnable task) {
        whenWritable = task;
    }

    /** Sends what was written and a normal close frame; the connection ends when the client answers it. */
    void close() {
        if (isClosed()) {
            return;
        }
        closing = true;
        pipeline.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
        // A client that never answers does not keep the connection: it is cut after a grace period.
        pipeline.executor().schedule(() -> pipeline.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof CloseWebSocketFrame close) {
                onClientClose(ctx, close);
            } else if (msg instanceof WebSocketFrame frame && !closing) {
                onFrame(ctx, frame);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (!(frame instanceof PongWebSocketFrame)) {
            // Pongs answer pings we never send: nothing to do. What is left carries a message, whole or in part.
            onDataFrame(ctx, frame);
        }
    }

    /** A message in one frame, or a fragment of one: RFC 6455 §5.4 lets control frames come between fragments. */
    private void onDataFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
        boolean continuation = frame instanceof ContinuationWebSocketFrame;
        if (continuation != (fragments != null)) {
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR);
            return;
        }
        if (!continuation && frame.isFinalFragment()) {
            deliver(ctx, frame instanceof TextWebSocketFrame, frame.content());
            return;
        }
        if (!continuation) {
            fragments = ctx.alloc().compositeBuffer();
            fragmentsAreText = frame instanceof TextWebSocketFrame;
        }
        if (fragments.readableBytes() + frame.content().readableBytes() > maxPayload) {
            fail(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
            return;
        }
        fragments.addComponent(true, frame.content().retain());
        if (frame.isFinalFragment()) {
            ByteBuf whole = fragments;
            fragments = null;
            try {
                deliver(ctx, fragmentsAreText, whole);
            } finally {
                whole.release();
            }
        }
    }

    private void deliver(ChannelHandlerContext ctx, boolean text, ByteBuf message) {
        if (!text) {
            context.dispatch(ByteBufUtil.getBytes(message), receiver::onBinary);
        } else if (ByteBufUtil.isText(message, StandardCharsets.UTF_8)) {
            context.dispatch(message.toString(StandardCharsets.UTF_8), receiver::onText);
        } else {
            fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
        }
    }

    private void onClientClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        if (closing) {
            // The answer to our own close frame: the closing handshake is complete.
            ctx.close();
        } else {
            closing = true;
            int status = close.statusCode();
            CloseWebSocketFrame answer = status < 0 ? new CloseWebSocketFrame()
                    : new CloseWebSocketFrame(status, null);
            ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        }
        end(CloseReason.TRANSPORT_CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Runnable next = whenWritable;
        if (ctx.channel().isWritable() && next != null) {
            context.dispatch(next);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseFragments();
        end(closing ? CloseReason.TRANSPORT_CLOSE : CloseReason.TRANSPORT_ERROR);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("websocket connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        fail(ctx, closeStatus(cause));
    }

    /** Ends a connection that broke the protocol: a close frame saying how, and no more reading. */
    private void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
        releaseFragments();
        if (!closing && ctx.channel().isActive()) {
            closing = true;
            ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
        end(CloseReason.TRANSPORT_ERROR);
    }

    private void releaseFragments() {
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
    }

    private static WebSocketCloseStatus closeStatus(Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted && corrupted.closeStatus() != null) {
            return corrupted.closeStatus();
        }
        if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
            return WebSocketCloseStatus.MESSAGE_TOO_BIG;
        }
        return WebSocketCloseStatus.PROTOCOL_ERROR;
    }

    private void end(String reason) {
        if (!ended) {
            ended = true;
            Receiver r = receiver;
            receiver = NOBODY;
            context.dispatch(reason, r::onEnd);
        }
    }
}
