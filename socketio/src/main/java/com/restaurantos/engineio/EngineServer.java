package com.restaurantos.engineio;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Engine.IO v4 server: answers the handshake, routes each request to its session by sid,
 * and carries sessions over HTTP long-polling and WebSocket. Mount it with {@link #handle}.
 */
public final class EngineServer {
    private static final Logger log = LoggerFactory.getLogger(EngineServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final EngineOptions options;
    private final Consumer<EngineSession> onConnection;
    private final Cors cors;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final Map<Thread, LoopFlusher> flushers = new ConcurrentHashMap<>();
    private final String pathWithoutSlash;
    private final DeflateNegotiation deflate;
    private final WebSocketUpgrade upgrade;
    private final ConnectionSlots slots;
    private volatile boolean closing;

    /**
     * @param onConnection called on the session's event loop for every new session, before
     *                     anything is read from it; it should set the session's listener
     */
    public EngineServer(Vertx vertx, EngineOptions options, Consumer<EngineSession> onConnection) {
        this(vertx, options, onConnection, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock the handshake rate limit reads; another than the system's in tests */
    public EngineServer(Vertx vertx, EngineOptions options, Consumer<EngineSession> onConnection,
                        LongSupplier nanoTime) {
        this.vertx = vertx;
        this.options = options;
        this.onConnection = onConnection;
        this.cors = new Cors(options.allowedOrigins());
        this.pathWithoutSlash = options.path().substring(0, options.path().length() - 1);
        this.deflate = new DeflateNegotiation(options.compressionThreshold(), options.maxPayload());
        this.upgrade = new WebSocketUpgrade(options);
        this.slots = new ConnectionSlots(options.limits(), nanoTime);
    }

    /** Applies what the engine needs to the options of the HTTP server it will be mounted on. */
    public static HttpServerOptions configure(HttpServerOptions http) {
        // Vert.x then puts the handler that negotiates extensions in each connection; DeflateNegotiation replaces it.
        return http.setPerMessageWebSocketCompressionSupported(true);
    }

    /**
     * Prepares a new HTTP connection of the server the engine is mounted on; register it with
     * {@code httpServer.connectionHandler(engine::onHttpConnection)}. It makes permessage-deflate
     * keep no per-connection state and skip small messages (see {@link DeflateNegotiation}).
     */
    public void onHttpConnection(HttpConnection connection) {
        deflate.install(connection);
    }

    public EngineOptions options() {
        return options;
    }

    public Collection<EngineSession> sessions() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    /**
     * Sessions as {@link EngineOptions.Limits#maxConnections()} counts them: open, being opened (a WebSocket
     * handshake under way) or closed but not yet forgotten (a polling session waiting to hand over its last packet).
     */
    public int connections() {
        return slots.connections();
    }

    /** How many handshakes were refused for this reason since the server started. */
    public long refused(HandshakeRefusal reason) {
        return slots.refused(reason);
    }

    ConnectionSlots slots() {
        return slots;
    }

    /** Whether this request is for the engine's path. */
    public boolean matches(HttpServerRequest request) {
        String path = request.path();
        return path.equals(options.path()) || path.equals(pathWithoutSlash);
    }

    /** Handles the request if it is for the engine's path; returns false (and does nothing) if not. */
    public boolean handle(HttpServerRequest request) {
        if (!matches(request)) {
            return false;
        }
        try {
            route(request);
        } catch (RuntimeException e) {
            log.error("engine request failed", e);
            if (!request.response().ended()) {
                request.response().setStatusCode(500).end();
            }
        }
        return true;
    }

    private void route(HttpServerRequest request) {
        if (closing) {
            request.response().setStatusCode(503).end();
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (request.method() == HttpMethod.OPTIONS) {
            if (cors.allows(origin)) {
                cors.preflight(request);
            } else {
                reject(request, EngineError.FORBIDDEN);
            }
            return;
        }
        String transport = request.getParam("transport");
        boolean websocketTransport = WebSocketTransport.NAME.equals(transport) && options.websocketEnabled();
        boolean pollingTransport = PollingTransport.NAME.equals(transport) && options.pollingEnabled();
        if (!websocketTransport && !pollingTransport) {
            reject(request, EngineError.UNKNOWN_TRANSPORT);
            return;
        }
        if (!"4".equals(request.getParam("EIO"))) {
            reject(request, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
            return;
        }
        if (!cors.allows(origin)) {
            reject(request, EngineError.FORBIDDEN);
            return;
        }
        boolean upgradeRequest = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
        if (websocketTransport != upgradeRequest) {
            reject(request, EngineError.BAD_REQUEST);
            return;
        }
        String sid = request.getParam("sid");
        if (sid == null) {
            if (request.method() != HttpMethod.GET) {
                reject(request, EngineError.BAD_HANDSHAKE_METHOD);
                return;
            }
            String address = HandshakeRequest.clientAddress(request);
            HandshakeRefusal refusal = slots.tryAcquire(address);
            if (refusal != null) {
                log.debug("handshake from {} refused: {}", request.remoteAddress(), refusal.label());
                reject(request, refusal.error);
            } else if (websocketTransport) {
                acceptWebSocket(request, HandshakeRequest.of(request, address), null);
            } else {
                newSession(HandshakeRequest.of(request, address), Vertx.currentContext()).openWithPolling(request);
            }
            return;
        }
        EngineSession session = sessions.get(sid);
        if (session == null) {
            reject(request, EngineError.UNKNOWN_SID);
        } else if (websocketTransport) {
            acceptWebSocket(request, null, session);
        } else if (request.method() == HttpMethod.GET) {
            session.exec(() -> session.onPollGet(request));
        } else if (request.method() == HttpMethod.POST) {
            readBody(request, session);
        } else {
            reject(request, EngineError.BAD_REQUEST);
        }
    }

    private void readBody(HttpServerRequest request, EngineSession session) {
        long limit = options.maxPayload();
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > limit) {
            tooLarge(request, session);
            return;
        }
        if (!session.beginPost()) {
            reject(request, EngineError.BAD_REQUEST);
            session.close(CloseReason.TRANSPORT_ERROR);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] overflow = {false};
        request.handler(chunk -> {
            if (overflow[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                overflow[0] = true;
                session.endPost();
                tooLarge(request, session);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            if (!overflow[0]) {
                session.exec(() -> {
                    session.endPost();
                    session.onPollPost(request, body);
                });
            }
        });
        request.exceptionHandler(e -> {
            session.endPost();
            log.debug("poll body of session {} failed: {}", session.id(), e.toString());
        });
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void tooLarge(HttpServerRequest request, EngineSession session) {
        cors.apply(request);
        request.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
        session.close(CloseReason.TRANSPORT_ERROR);
    }

    /**
     * Upgrades the request: for a new session ({@code handshake} given, {@code existing} null) or to move an
     * existing one off polling ({@code handshake} null).
     */
    private void acceptWebSocket(HttpServerRequest request, HandshakeRequest handshake, EngineSession existing) {
        WebSocketTransport transport = upgrade.accept(request);
        if (transport == null) {
            log.debug("websocket handshake from {} refused", request.remoteAddress());
            if (handshake != null) {
                // A new session's slot was taken before the upgrade: no session will give it back.
                slots.release(handshake.clientAddress());
            }
            return;
        }
        if (existing == null) {
            newSession(handshake, Vertx.currentContext()).openWithWebSocket(transport);
        } else {
            existing.startUpgrade(transport);
        }
        // The 101 answer was written, not flushed: it leaves in one write with what the session wrote after it.
        transport.flush();
    }

    private EngineSession newSession(HandshakeRequest handshake, Context context) {
        EngineSession session = new EngineSession(this, newId(), handshake, context);
        sessions.put(session.id(), session);
        return session;
    }

    void connected(EngineSession session) {
        try {
            onConnection.accept(session);
        } catch (RuntimeException e) {
            log.error("connection handler failed for session {}", session.id(), e);
            session.close(CloseReason.FORCED_CLOSE);
        }
    }

    String openPayload(String sid, boolean canUpgrade) {
        String upgrades = canUpgrade && options.websocketEnabled() ? "[\"websocket\"]" : "[]";
        return "{\"sid\":\"" + sid + "\",\"upgrades\":" + upgrades
                + ",\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
                + ",\"maxPayload\":" + options.maxPayload() + "}";
    }

    /** The flusher of the event loop that runs on the given thread; one per loop, shared by its sessions. */
    LoopFlusher flusher(Context context, Thread loop) {
        return flushers.computeIfAbsent(loop, t -> new LoopFlusher(context));
    }

    Cors cors() {
        return cors;
    }

    /** Drops a session that has ended; its slot is free again. Idempotent. */
    void forget(EngineSession session) {
        if (sessions.remove(session.id(), session)) {
            slots.release(session.handshake().clientAddress());
        }
    }

    void reject(HttpServerRequest request, EngineError error) {
        if (request.response().ended()) {
            return;
        }
        cors.apply(request);
        request.response()
                .setStatusCode(error.status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(error.json());
    }

    /** Closes every session with the reason "server shutting down" and refuses new ones. */
    public Future<Void> close() {
        closing = true;
        List<EngineSession> open = new ArrayList<>(sessions.values());
        open.forEach(s -> s.close(CloseReason.SERVER_SHUTTING_DOWN));
        Promise<Void> done = Promise.promise();
        long deadline = System.currentTimeMillis() + 2_000;
        waitEmpty(done, deadline);
        return done.future();
    }

    private void waitEmpty(Promise<Void> done, long deadline) {
        if (sessions.isEmpty() || System.currentTimeMillis() > deadline) {
            done.complete();
        } else {
            vertx.setTimer(20, t -> waitEmpty(done, deadline));
        }
    }

    static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
