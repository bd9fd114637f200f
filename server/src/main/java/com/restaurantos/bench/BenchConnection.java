package com.restaurantos.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One simulated client, as a Netty handler: the WebSocket upgrade, then Engine.IO v4 over
 * WebSocket frames with its own pong replies, Socket.IO CONNECT with {@code auth: {token}}, and
 * {@code join:restaurant}. Its state is a few fields; bytes are kept only while a frame is
 * incomplete, and a zlib inflater only while the server compresses with context takeover.
 */
final class BenchConnection extends ChannelInboundHandlerAdapter {
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    private static final byte HANDSHAKE = 0;
    private static final byte OPENING = 1;
    private static final byte CONNECTING = 2;
    private static final byte JOINING = 3;
    private static final byte READY = 4;
    private static final byte DONE = 5;

    private final ClientConfig config;
    private final Greeting greeting;
    private final ConnectionListener listener;
    private final int restaurant;
    private final long startNanos;
    private Channel channel;
    private byte state = HANDSHAKE;
    private boolean deflate;
    private boolean contextTakeover;
    private ByteBuf cumulation;
    private ByteBuf fragments;
    private boolean fragmentsCompressed;
    private Inflater inflater;
    private ScheduledFuture<?> setupTimeout;
    private String closeReason;
    private volatile String pid;

    BenchConnection(ClientConfig config, ConnectionListener listener, int restaurant) {
        this(config, config.greeting(restaurant), listener, restaurant);
    }

    BenchConnection(ClientConfig config, Greeting greeting, ConnectionListener listener, int restaurant) {
        this.config = config;
        this.greeting = greeting;
        this.listener = listener;
        this.restaurant = restaurant;
        this.startNanos = System.nanoTime();
    }

    int restaurant() {
        return restaurant;
    }

    long startNanos() {
        return startNanos;
    }

    boolean isReady() {
        return state == READY;
    }

    /** Whether the server accepted the permessage-deflate offer. */
    boolean deflateNegotiated() {
        return deflate;
    }

    /** The session id for connection state recovery the server gave in its CONNECT reply, or null. */
    String pid() {
        return pid;
    }

    /** Sends a Socket.IO packet (text) on the connection, from any thread. */
    void send(byte[] packet) {
        Channel c = channel;
        if (c != null) {
            c.eventLoop().execute(() -> {
                if (state != DONE) {
                    write(WsFrames.TEXT, packet);
                }
            });
        }
    }

    /** Closes the connection (from any thread). */
    void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    /** Called when the TCP connection could not be made. */
    void connectFailed(Throwable cause) {
        if (state != DONE) {
            state = DONE;
            listener.failed(this, "connect: " + describe(cause));
        }
    }

    // ---- Netty -----------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        int timeout = config.setupTimeoutMillis();
        setupTimeout = ctx.executor().schedule(() -> fail("timeout in " + stateName()), timeout, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(ctx.alloc().buffer(config.upgradeRequest().length)
                .writeBytes(config.upgradeRequest()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        long now = System.nanoTime();
        ByteBuf buf;
        if (cumulation != null) {
            cumulation.writeBytes(in);
            in.release();
            buf = cumulation;
        } else {
            buf = in;
        }
        try {
            if (state == HANDSHAKE && !readUpgradeResponse(buf)) {
                keep(ctx, buf);
                return;
            }
            while (state != DONE) {
                long header = WsFrames.header(buf, MAX_MESSAGE);
                if (header == WsFrames.INCOMPLETE) {
                    break;
                }
                if (header == WsFrames.MALFORMED) {
                    fail("malformed frame");
                    break;
                }
                int at = buf.readerIndex();
                onFrame(ctx, header, buf, at + WsFrames.headerLength(header), WsFrames.payloadLength(header), now);
                buf.readerIndex(at + WsFrames.frameLength(header));
            }
        } catch (RuntimeException e) {
            fail("client error: " + describe(e));
        }
        keep(ctx, buf);
    }

    /** Keeps what is left of {@code buf} for the next read, or lets it go. */
    private void keep(ChannelHandlerContext ctx, ByteBuf buf) {
        if (!buf.isReadable() || state == DONE) {
            buf.release();
            cumulation = null;
        } else if (buf != cumulation) {
            cumulation = ctx.alloc().heapBuffer(Math.max(256, buf.readableBytes() * 2)).writeBytes(buf);
            buf.release();
        } else {
            cumulation.discardReadBytes();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        String reason = closeReason != null ? closeReason : "closed by server";
        if (state == READY) {
            state = DONE;
            listener.closed(this, reason);
        } else if (state != DONE) {
            state = DONE;
            listener.failed(this, reason + " in " + stateName());
        }
        cancelTimeout();
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (closeReason == null) {
            closeReason = describe(cause);
        }
        ctx.close();
    }

    // ---- upgrade ---------------------------------------------------------------------------

    private boolean readUpgradeResponse(ByteBuf buf) {
        int end = indexOf(buf, HEADER_END);
        if (end < 0) {
            if (buf.readableBytes() > 16 * 1024) {
                fail("upgrade response too large");
            }
            return false;
        }
        String head = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.ISO_8859_1);
        buf.readerIndex(end + HEADER_END.length);
        if (!head.startsWith("HTTP/1.1 101")) {
            int eol = head.indexOf('\r');
            fail("upgrade refused: " + (eol > 0 ? head.substring(0, eol) : head));
            return false;
        }
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("sec-websocket-extensions:") && lower.contains("permessage-deflate")) {
                deflate = true;
                contextTakeover = !lower.contains("server_no_context_takeover");
            }
        }
        state = OPENING;
        return true;
    }

    private static int indexOf(ByteBuf buf, byte[] pattern) {
        int last = buf.writerIndex() - pattern.length;
        outer:
        for (int i = buf.readerIndex(); i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buf.getByte(i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ---- frames ----------------------------------------------------------------------------

    private void onFrame(ChannelHandlerContext ctx, long header, ByteBuf buf, int at, int length, long now) {
        int opcode = WsFrames.opcode(header);
        boolean fin = WsFrames.fin(header);
        switch (opcode) {
            case WsFrames.TEXT, WsFrames.BINARY -> {
                if (fragments != null) {
                    fail("new message inside a fragmented one");
                } else if (fin) {
                    onMessage(buf, at, length, WsFrames.rsv1(header), now);
                } else {
                    fragments = ctx.alloc().heapBuffer(length * 2).writeBytes(buf, at, length);
                    fragmentsCompressed = WsFrames.rsv1(header);
                }
            }
            case WsFrames.CONTINUATION -> {
                if (fragments == null) {
                    fail("continuation without a message");
                    return;
                }
                fragments.writeBytes(buf, at, length);
                if (fragments.readableBytes() > MAX_MESSAGE) {
                    fail("message too large");
                } else if (fin) {
                    ByteBuf whole = fragments;
                    fragments = null;
                    try {
                        onMessage(whole, whole.readerIndex(), whole.readableBytes(), fragmentsCompressed, now);
                    } finally {
                        whole.release();
                    }
                }
            }
            case WsFrames.PING -> {
                byte[] payload = new byte[length];
                buf.getBytes(at, payload);
                write(WsFrames.PONG, payload);
            }
            case WsFrames.CLOSE -> {
                closeReason = "close frame from server";
                write(WsFrames.CLOSE, new byte[0]);
                ctx.close();
            }
            default -> {
                // PONG and reserved opcodes carry nothing for us.
            }
        }
    }

    private void onMessage(ByteBuf buf, int at, int length, boolean compressed, long now) {
        byte[] scratch = SCRATCH.get();
        int len;
        if (compressed && deflate) {
            scratch = inflate(buf, at, length);
            len = inflatedLength;
        } else {
            if (scratch.length < length) {
                scratch = new byte[Integer.highestOneBit(length) << 1];
                SCRATCH.set(scratch);
            }
            buf.getBytes(at, scratch, 0, length);
            len = length;
        }
        if (len > 0) {
            onText(scratch, len, now);
        }
    }

    private int inflatedLength;

    private byte[] inflate(ByteBuf buf, int at, int length) {
        byte[] input = new byte[length + DEFLATE_TAIL.length];
        buf.getBytes(at, input, 0, length);
        System.arraycopy(DEFLATE_TAIL, 0, input, length, DEFLATE_TAIL.length);
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        inflater.setInput(input);
        byte[] out = SCRATCH.get();
        int n = 0;
        try {
            while (true) {
                n += inflater.inflate(out, n, out.length - n);
                if (inflater.needsInput() || inflater.finished()) {
                    break;
                }
                if (n == out.length) {
                    if (out.length >= MAX_MESSAGE) {
                        throw new IllegalStateException("inflated message too large");
                    }
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                    SCRATCH.set(out);
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("bad deflate data: " + e.getMessage());
        }
        if (!contextTakeover) {
            // Nothing carries over to the next message: keep no zlib state while idle.
            inflater.end();
            inflater = null;
        }
        inflatedLength = n;
        return out;
    }

    // ---- Engine.IO and Socket.IO -----------------------------------------------------------

    private void onText(byte[] m, int len, long now) {
        byte type = m[0];
        if (type == Wire.EIO_PING) {
            write(WsFrames.TEXT, Wire.PONG);
            if (state == READY) {
                listener.ping(this);
            }
            return;
        }
        if (type == Wire.EIO_CLOSE) {
            closeReason = "engine.io close from server";
            channel.close();
            return;
        }
        switch (state) {
            case OPENING -> {
                if (type != Wire.EIO_OPEN) {
                    fail("expected the engine.io open packet");
                    return;
                }
                state = CONNECTING;
                write(WsFrames.TEXT, greeting.connect());
            }
            case CONNECTING -> {
                if (type != Wire.EIO_MESSAGE || len < 2) {
                    return;
                }
                if (m[1] == Wire.SIO_CONNECT) {
                    state = JOINING;
                    pid = Wire.stringAfter(m, 0, len, Wire.PID);
                    write(WsFrames.TEXT, greeting.join());
                } else if (m[1] == Wire.SIO_CONNECT_ERROR) {
                    fail("connect_error " + new String(m, 0, Math.min(len, 120), StandardCharsets.UTF_8));
                }
            }
            case JOINING -> {
                if (type == Wire.EIO_MESSAGE && len > 1 && m[1] == Wire.SIO_EVENT) {
                    // A recovered session gets the events it missed right after the CONNECT reply.
                    listener.event(this, m, 0, len, now);
                } else if (type == Wire.EIO_MESSAGE && len > 1 && m[1] == Wire.SIO_ACK) {
                    if (Wire.isSuccessfulJoinAck(m, 0, len)) {
                        state = READY;
                        cancelTimeout();
                        listener.ready(this, now);
                    } else {
                        fail("join refused " + new String(m, 0, Math.min(len, 120), StandardCharsets.UTF_8));
                    }
                }
            }
            case READY -> {
                if (type == Wire.EIO_MESSAGE && len > 1 && m[1] == Wire.SIO_EVENT) {
                    listener.event(this, m, 0, len, now);
                } else if (type == Wire.EIO_MESSAGE && len > 1 && m[1] == Wire.SIO_ACK) {
                    listener.ack(this, m, 0, len, now);
                } else if (type == Wire.EIO_MESSAGE && len > 1 && m[1] == Wire.SIO_DISCONNECT) {
                    closeReason = "socket.io disconnect from server";
                    channel.close();
                }
            }
            default -> {
            }
        }
    }

    private void write(int opcode, byte[] payload) {
        channel.writeAndFlush(WsFrames.clientFrame(channel.alloc(), opcode, payload,
                ThreadLocalRandom.current().nextInt()));
    }

    private void fail(String reason) {
        if (state == DONE) {
            return;
        }
        boolean wasReady = state == READY;
        state = DONE;
        cancelTimeout();
        if (wasReady) {
            listener.closed(this, reason);
        } else {
            listener.failed(this, reason);
        }
        if (channel != null) {
            channel.close();
        }
    }

    private void cancelTimeout() {
        if (setupTimeout != null) {
            setupTimeout.cancel(false);
            setupTimeout = null;
        }
    }

    private void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (fragments != null) {
            fragments.release();
            fragments = null;
        }
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }

    private String stateName() {
        return switch (state) {
            case HANDSHAKE -> "websocket upgrade";
            case OPENING -> "engine.io open";
            case CONNECTING -> "socket.io connect";
            case JOINING -> "join:restaurant";
            case READY -> "ready";
            default -> "closed";
        };
    }

    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        String message = t.getMessage();
        if (message != null && message.length() > 80) {
            message = message.substring(0, 80);
        }
        // Group "connection refused: /127.0.0.1:3411" and the like under one reason.
        if (message != null) {
            message = message.replaceAll("/?\\d+\\.\\d+\\.\\d+\\.\\d+(:\\d+)?", "ADDR");
        }
        return message == null ? name : name + ": " + message;
    }
}
