package com.restaurantos.engineio;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Engine.IO session: a client known by its sid, whatever transport carries it at the moment.
 *
 * <p>Threading: all of the session's own state is touched only on the event loop that owns its
 * current transport (see {@link #exec}). {@link #send} may be called from any thread: packets go
 * to a bounded queue and are written by that event loop, in order, several at a time.
 */
public final class EngineSession {
    /** What the layer above hears from a session. Called on the session's event loop. */
    public interface Listener {
        void onMessage(EnginePacket packet);

        void onClose(String reason);
    }

    private static final Logger log = LoggerFactory.getLogger(EngineSession.class);
    private static final long POLL_SETTLE_MILLIS = 100;
    private static final String PROBE = "2probe";
    private static final EnginePacket PROBE_ANSWER = EnginePacket.of(EnginePacketType.PONG, "probe");
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void onMessage(EnginePacket packet) {
        }

        @Override
        public void onClose(String reason) {
        }
    };

    private final EngineServer server;
    private final EngineOptions options;
    private final String id;
    private final HandshakeRequest handshake;

    // The owning event loop; changes once, when an upgrade moves the session to its websocket.
    private volatile Context context;
    private volatile Thread owner;
    private volatile LoopFlusher flusher;

    private final Object queueLock = new Object();
    private final ArrayDeque<EnginePacket> outbound = new ArrayDeque<>();
    private long outboundBytes;
    private boolean flushScheduled;

    private volatile boolean open = true;
    // Whether a POST of this session is being read; touched from the loops of its HTTP connections.
    private final AtomicBoolean postUnderWay = new AtomicBoolean();
    private PollingTransport polling;
    private volatile WebSocketTransport websocket;
    private WebSocketTransport upgrading;
    private boolean probed;
    private boolean awaitingFinalPoll;
    private EnginePacket finalPacket = EnginePacket.CLOSE;
    // Netty's timers of the owning loop, not Vert.x's: Vert.x keeps an id, a map entry and a promise more per
    // timer, and every session re-arms its ping timer twice per interval.
    private ScheduledFuture<?> pingTimer;
    private ScheduledFuture<?> pingTimeoutTimer;
    private ScheduledFuture<?> upgradeTimer;
    private ScheduledFuture<?> lingerTimer;
    private ScheduledFuture<?> settleTimer;
    private Listener listener = NO_LISTENER;
    // Made once: a broadcast flushes every recipient, and a method reference is an object per use.
    private final Runnable flushTask = this::flush;

    EngineSession(EngineServer server, String id, HandshakeRequest handshake, Context context) {
        this.server = server;
        this.options = server.options();
        this.id = id;
        this.handshake = handshake;
        this.context = context;
        this.owner = Thread.currentThread();
        this.flusher = server.flusher(context, owner);
    }

    public String id() {
        return id;
    }

    public HandshakeRequest handshake() {
        return handshake;
    }

    public boolean isOpen() {
        return open;
    }

    /** The name of the transport in use: {@code polling} or {@code websocket}. */
    public String transport() {
        return websocket != null ? WebSocketTransport.NAME : PollingTransport.NAME;
    }

    /** Sets who hears this session's messages and its end. Call it from the connection handler. */
    public void listener(Listener listener) {
        this.listener = listener == null ? NO_LISTENER : listener;
    }

    /**
     * Queues a packet for the client. Safe from any thread. Returns false when the session is
     * closed or the packet would take its outbound queue past the configured limits; in the
     * latter case the session is closed, since a client that does not read cannot be helped.
     */
    public boolean send(EnginePacket packet) {
        if (!open) {
            return false;
        }
        boolean overflow;
        synchronized (queueLock) {
            overflow = outbound.size() >= options.maxOutboundPackets()
                    || outboundBytes + packet.wireSize() > options.maxOutboundBytes();
            if (!overflow) {
                outbound.add(packet);
                outboundBytes += packet.wireSize();
            }
        }
        if (overflow) {
            log.warn("session {} closed: its client is not reading and {} packets are waiting", id, outbound.size());
            exec(() -> close(CloseReason.OUTBOUND_LIMIT));
            return false;
        }
        scheduleFlush();
        return true;
    }

    /**
     * Queues packets that must leave together and in order (a binary Socket.IO packet and its
     * attachments): either all are queued or none is. Same rules as {@link #send}.
     */
    public boolean sendAll(List<EnginePacket> packets) {
        if (packets.size() == 1) {
            return send(packets.get(0));
        }
        if (!open) {
            return false;
        }
        long size = 0;
        for (EnginePacket p : packets) {
            size += p.wireSize();
        }
        boolean overflow;
        synchronized (queueLock) {
            overflow = outbound.size() + packets.size() > options.maxOutboundPackets()
                    || outboundBytes + size > options.maxOutboundBytes();
            if (!overflow) {
                outbound.addAll(packets);
                outboundBytes += size;
            }
        }
        if (overflow) {
            log.warn("session {} closed: its client is not reading", id);
            exec(() -> close(CloseReason.OUTBOUND_LIMIT));
            return false;
        }
        scheduleFlush();
        return true;
    }

    /** Closes the session from the server side, after writing what is already queued. */
    public void close() {
        exec(() -> close(CloseReason.FORCED_CLOSE));
    }

    /** Closes the session with the given reason, after writing what is already queued. */
    public void close(String reason) {
        exec(() -> doClose(reason));
    }

    /** Packets waiting to be written; for tests and metrics. */
    public int queuedPackets() {
        synchronized (queueLock) {
            return outbound.size();
        }
    }

    // ---- opening -------------------------------------------------------------------------

    void openWithPolling(HttpServerRequest handshakeGet) {
        polling = new PollingTransport();
        polling.hold(handshakeGet);
        watchPoll(handshakeGet);
        start();
    }

    void openWithWebSocket(WebSocketTransport transport) {
        websocket = transport;
        attach(websocket);
        start();
    }

    private void start() {
        sendFirst(EnginePacket.of(EnginePacketType.OPEN, server.openPayload(id, websocket == null)));
        server.connected(this);
        schedulePing();
        flush();
    }

    private void sendFirst(EnginePacket openPacket) {
        synchronized (queueLock) {
            outbound.addFirst(openPacket);
            outboundBytes += openPacket.wireSize();
        }
    }

    // ---- polling -------------------------------------------------------------------------

    void onPollGet(HttpServerRequest get) {
        if (!open) {
            if (awaitingFinalPoll) {
                // The session closed while no poll was waiting: this poll carries its last words.
                awaitingFinalPoll = false;
                cancel(lingerTimer);
                List<EnginePacket> last = drain();
                last.add(finalPacket);
                polling.hold(get);
                polling.respond(last, server.cors());
                server.forget(this);
            } else {
                server.reject(get, EngineError.UNKNOWN_SID);
            }
            return;
        }
        if (polling == null) {
            server.reject(get, EngineError.BAD_REQUEST);
            return;
        }
        if (polling.hasPendingGet()) {
            // Two polls at once means a broken or malicious client: the reference server drops it.
            server.reject(get, EngineError.BAD_REQUEST);
            doClose(CloseReason.TRANSPORT_ERROR);
            return;
        }
        polling.hold(get);
        watchPoll(get);
        if (probed) {
            settlePoll();
        } else {
            flush();
        }
    }

    /**
     * A poll waiting during an upgrade is either one the client sent before it saw the probe
     * answer (it waits for that poll to end, so release it soon) or one that raced the final
     * upgrade packet (refused once that arrives). A short wait tells the two apart.
     */
    private void settlePoll() {
        cancel(settleTimer);
        settleTimer = schedule(POLL_SETTLE_MILLIS, () -> exec(this::releasePoll));
    }

    /** Answers a waiting poll during an upgrade: with what is queued, or a noop. */
    private void releasePoll() {
        if (polling != null && polling.hasPendingGet()) {
            List<EnginePacket> packets = drain();
            polling.respond(packets.isEmpty() ? List.of(EnginePacket.NOOP) : packets, server.cors());
        }
    }

    private void watchPoll(HttpServerRequest get) {
        get.response().closeHandler(v -> exec(() -> {
            if (polling != null && polling.hasPendingGet()) {
                polling.dropIf(get);
                if (open && websocket == null) {
                    // The connection broke under a waiting poll: an error, not a close the client asked for.
                    doClose(CloseReason.TRANSPORT_ERROR);
                }
            }
        }));
    }

    /**
     * Marks a POST of this session as being read. False if one already is: two at once is a broken or malicious
     * client, which the reference server refuses with 400 before closing the session.
     */
    boolean beginPost() {
        return postUnderWay.compareAndSet(false, true);
    }

    /** The POST being read has ended, one way or another. */
    void endPost() {
        postUnderWay.set(false);
    }

    void onPollPost(HttpServerRequest post, Buffer body) {
        if (!open || polling == null) {
            server.reject(post, open ? EngineError.BAD_REQUEST : EngineError.UNKNOWN_SID);
            return;
        }
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(body.toString(StandardCharsets.UTF_8));
        } catch (EngineDecodeException e) {
            server.reject(post, EngineError.BAD_REQUEST);
            doClose(CloseReason.PARSE_ERROR);
            return;
        }
        server.cors().apply(post);
        post.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html").end("ok");
        for (EnginePacket packet : packets) {
            if (!open) {
                break;
            }
            onPacket(packet);
        }
    }

    // ---- websocket -----------------------------------------------------------------------

    /**
     * A websocket arrived with this session's sid: probe it, then move the session onto it.
     * Called on the websocket's event loop, so its handlers are in place before any frame is read;
     * the frames then reach the session's event loop after the upgrade has begun.
     */
    void startUpgrade(WebSocketTransport candidate) {
        attach(candidate);
        exec(() -> beginUpgrade(candidate));
    }

    private void beginUpgrade(WebSocketTransport candidate) {
        if (!open || websocket != null || upgrading != null) {
            candidate.close();
            return;
        }
        upgrading = candidate;
        upgradeTimer = schedule(options.upgradeTimeout().toMillis(), () -> exec(() -> {
            if (upgrading == candidate) {
                log.debug("session {}: upgrade timed out", id);
                abandonUpgrade(candidate);
            }
        }));
    }

    private void attach(WebSocketTransport transport) {
        transport.receiver(new WebSocketTransport.Receiver() {
            @Override
            public void onText(String text) {
                if (PROBE.equals(text) && transport != websocket) {
                    // Answered at once on the websocket's own loop, so that the answer leaves
                    // before anything the session sends on its other transport afterwards.
                    transport.write(PROBE_ANSWER);
                    transport.flush();
                }
                exec(() -> onFrame(transport, text, null));
            }

            @Override
            public void onBinary(byte[] data) {
                exec(() -> onFrame(transport, null, data));
            }

            @Override
            public void onEnd(String reason) {
                exec(() -> onTransportEnd(transport, reason));
            }
        });
    }

    private void onFrame(WebSocketTransport transport, String text, byte[] data) {
        long size = text != null ? utf8Length(text) : data.length;
        if (size > options.maxPayload()) {
            transport.close();
            if (transport == websocket) {
                doClose(CloseReason.TRANSPORT_ERROR);
            }
            return;
        }
        EnginePacket packet;
        if (text != null) {
            try {
                packet = EngineCodec.decodeText(text);
            } catch (EngineDecodeException e) {
                if (transport == websocket) {
                    doClose(CloseReason.PARSE_ERROR);
                } else {
                    abandonUpgrade(transport);
                }
                return;
            }
        } else {
            packet = EnginePacket.binaryMessage(data);
        }
        if (transport == websocket) {
            onPacket(packet);
        } else if (transport == upgrading) {
            onUpgradePacket(transport, packet);
        }
    }

    /** The bytes of the text in UTF-8: maxPayload counts bytes, and a character may take up to four. */
    static long utf8Length(String text) {
        long bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x800) {
                // Three bytes, or four for a surrogate pair (two chars, each counted twice here).
                bytes += Character.isSurrogate(c) ? 1 : 2;
            } else if (c >= 0x80) {
                bytes += 1;
            }
        }
        return bytes;
    }

    private void onUpgradePacket(WebSocketTransport transport, EnginePacket packet) {
        if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
            probed = true;
            // The client now waits for its poll to end before it sends the final upgrade packet.
            if (polling.hasPendingGet()) {
                settlePoll();
            }
        } else if (packet.type() == EnginePacketType.UPGRADE && probed && open) {
            finishUpgrade(transport);
        } else {
            abandonUpgrade(transport);
        }
    }

    private void finishUpgrade(WebSocketTransport transport) {
        cancel(upgradeTimer);
        cancel(settleTimer);
        if (polling.hasPendingGet()) {
            // The session has moved: a poll still waiting is one that raced the upgrade.
            polling.reject(server, EngineError.BAD_REQUEST);
        }
        polling = null;
        upgrading = null;
        websocket = transport;
        context = transport.context;
        owner = transport.thread;
        flusher = server.flusher(context, owner);
        scheduleFlush();
    }

    private void abandonUpgrade(WebSocketTransport transport) {
        if (transport == upgrading) {
            cancel(upgradeTimer);
            upgrading = null;
            probed = false;
            flush();
        }
        transport.close();
    }

    private void onTransportEnd(WebSocketTransport transport, String reason) {
        if (transport == websocket) {
            doClose(reason);
        } else if (transport == upgrading) {
            abandonUpgrade(transport);
        }
    }

    // ---- packets -------------------------------------------------------------------------

    private void onPacket(EnginePacket packet) {
        switch (packet.type()) {
            case PONG -> {
                cancel(pingTimeoutTimer);
                pingTimeoutTimer = null;
                schedulePing();
            }
            case MESSAGE -> listener.onMessage(packet);
            case CLOSE -> doClose(CloseReason.TRANSPORT_CLOSE);
            case NOOP -> {
                // Polling clients may send these while upgrading; they mean nothing.
            }
            default -> doClose(CloseReason.PARSE_ERROR);
        }
    }

    // ---- heartbeat -----------------------------------------------------------------------

    private void schedulePing() {
        cancel(pingTimer);
        pingTimer = schedule(options.pingInterval().toMillis(), () -> exec(() -> {
            if (!open) {
                return;
            }
            send(EnginePacket.PING);
            cancel(pingTimeoutTimer);
            pingTimeoutTimer = schedule(options.pingTimeout().toMillis(),
                    () -> exec(() -> doClose(CloseReason.PING_TIMEOUT)));
        }));
    }

    // ---- writing -------------------------------------------------------------------------

    private void scheduleFlush() {
        synchronized (queueLock) {
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        // Always a task, even on the owning thread: sends made in one go leave in one flush.
        flusher.schedule(this);
    }

    /** Called by the loop's flusher; if an upgrade moved the session meanwhile, the flush follows it. */
    void flushFromLoop() {
        exec(flushTask);
    }

    private void flush() {
        synchronized (queueLock) {
            flushScheduled = false;
        }
        if (websocket != null) {
            WebSocketTransport transport = websocket;
            boolean wrote = false;
            for (EnginePacket next = transport.writable() ? poll() : null; next != null;
                 next = transport.writable() ? poll() : null) {
                transport.write(next);
                wrote = true;
            }
            if (wrote) {
                transport.flush();
            }
            if (queuedPackets() > 0 && !transport.isClosed()) {
                // The flush may already have emptied the connection's buffer: then go on at once.
                if (transport.writable()) {
                    scheduleFlush();
                } else {
                    transport.whenWritable(this::scheduleFlush);
                }
            }
        } else if (polling != null && polling.hasPendingGet() && !probed) {
            List<EnginePacket> packets = drain();
            if (!packets.isEmpty()) {
                polling.respond(packets, server.cors());
            }
        }
    }

    private EnginePacket poll() {
        synchronized (queueLock) {
            EnginePacket p = outbound.poll();
            if (p != null) {
                outboundBytes -= p.wireSize();
            }
            return p;
        }
    }

    private List<EnginePacket> drain() {
        synchronized (queueLock) {
            List<EnginePacket> all = new ArrayList<>(outbound);
            outbound.clear();
            outboundBytes = 0;
            return all;
        }
    }

    // ---- closing -------------------------------------------------------------------------

    private void doClose(String reason) {
        if (!open) {
            return;
        }
        open = false;
        cancel(pingTimer);
        cancel(pingTimeoutTimer);
        cancel(upgradeTimer);
        cancel(settleTimer);
        if (upgrading != null) {
            upgrading.close();
            upgrading = null;
        }
        boolean ours = CloseReason.FORCED_CLOSE.equals(reason) || CloseReason.SERVER_SHUTTING_DOWN.equals(reason);
        if (websocket != null) {
            if (ours) {
                for (EnginePacket p = poll(); p != null; p = poll()) {
                    websocket.write(p);
                }
            }
            websocket.close();
            server.forget(this);
        } else {
            // A client that closed knows it: its last poll is only released, as the reference does.
            finalPacket = CloseReason.TRANSPORT_CLOSE.equals(reason) ? EnginePacket.NOOP : EnginePacket.CLOSE;
            closePolling(ours, reason);
        }
        if (!ours) {
            drain();
        }
        Listener l = listener;
        listener = NO_LISTENER;
        try {
            l.onClose(reason);
        } catch (RuntimeException e) {
            log.error("close listener of session {} failed", id, e);
        }
    }

    private void closePolling(boolean ours, String reason) {
        if (polling.hasPendingGet()) {
            List<EnginePacket> last = ours ? drain() : new ArrayList<>();
            last.add(finalPacket);
            polling.respond(last, server.cors());
            server.forget(this);
        } else if (ours || CloseReason.TRANSPORT_CLOSE.equals(reason)) {
            // No poll is waiting: keep the session a little so that the next poll, which may
            // already be on its way, gets what is queued and the end of the session.
            awaitingFinalPoll = true;
            lingerTimer = schedule(options.pingTimeout().toMillis(), () -> exec(() -> {
                awaitingFinalPoll = false;
                server.forget(this);
            }));
        } else {
            server.forget(this);
        }
    }

    /** Runs the task after the delay on the loop that owns the session now, in its Vert.x context. */
    private ScheduledFuture<?> schedule(long delayMillis, Runnable task) {
        ContextInternal loop = (ContextInternal) context;
        return loop.nettyEventLoop().schedule(() -> loop.dispatch(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- threading -----------------------------------------------------------------------

    /**
     * Runs the task on this session's event loop: now if already there, else as a task on it.
     * Everything that reads or changes what the layer above keeps per session runs here.
     */
    public void exec(Runnable task) {
        if (Thread.currentThread() == owner) {
            task.run();
        } else {
            // If an upgrade moves the session meanwhile, the task hops once more when it runs.
            context.runOnContext(v -> exec(task));
        }
    }
}
