package com.restaurantos.testing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.Handler;
import com.restaurantos.engineio.EngineOptions;
import com.restaurantos.engineio.EngineServer;
import com.restaurantos.engineio.EngineSession;
import com.restaurantos.socketio.SocketIoOptions;
import com.restaurantos.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An EngineServer or SocketIoServer mounted on a Vert.x HTTP server on 127.0.0.1 and a free port,
 * as the app mounts it. Closing it stops everything and fails if an event loop was blocked.
 */
public final class TestServer implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final HttpServer http;
    private final EngineServer engine;
    private final SocketIoServer io;
    private final String path;
    private final AtomicInteger handled;

    private TestServer(Vertx vertx, HttpServer http, EngineServer engine, SocketIoServer io, String path,
                       AtomicInteger handled) {
        this.handled = handled;
        this.vertx = vertx;
        this.http = http;
        this.engine = engine;
        this.io = io;
        this.path = path;
    }

    /** A bare Engine.IO server; {@code onConnection} runs for each new session. */
    public static TestServer engine(EngineOptions options, Consumer<EngineSession> onConnection) {
        return engine(options, onConnection, true);
    }

    /**
     * A bare Engine.IO server on an HTTP server that may lack what {@link EngineServer#configure} sets (the
     * permessage-deflate negotiation), as an application that forgot it would mount it.
     */
    public static TestServer engine(EngineOptions options, Consumer<EngineSession> onConnection, boolean configured) {
        return engine(options, onConnection, configured, System::nanoTime);
    }

    /** A bare Engine.IO server whose handshake rate limit reads this clock. */
    public static TestServer engine(EngineOptions options, Consumer<EngineSession> onConnection, LongSupplier nanoTime) {
        return engine(options, onConnection, true, nanoTime);
    }

    private static TestServer engine(EngineOptions options, Consumer<EngineSession> onConnection, boolean configured,
                                     LongSupplier nanoTime) {
        Vertx vertx = Vertx.vertx();
        EngineServer engine = new EngineServer(vertx, options, onConnection, nanoTime);
        AtomicInteger handled = new AtomicInteger();
        HttpServer http = listen(vertx, options, configured, request -> {
            if (!engine.handle(request)) {
                request.response().setStatusCode(404).end();
            }
            handled.incrementAndGet();
        });
        return new TestServer(vertx, http, engine, null, options.path(), handled);
    }

    /** A Socket.IO server; {@code setup} declares its namespaces and handlers before it listens. */
    public static TestServer socketIo(SocketIoOptions options, Consumer<SocketIoServer> setup) {
        Vertx vertx = Vertx.vertx();
        SocketIoServer io = new SocketIoServer(vertx, options);
        setup.accept(io);
        AtomicInteger handled = new AtomicInteger();
        HttpServer http = listen(vertx, options.engine(), true, request -> {
            if (!io.handle(request)) {
                request.response().setStatusCode(404).end();
            }
            handled.incrementAndGet();
        });
        return new TestServer(vertx, http, io.engine(), io, options.engine().path(), handled);
    }

    private static HttpServer listen(Vertx vertx, EngineOptions options, boolean configured,
                                     Handler<HttpServerRequest> handler) {
        HttpServerOptions http = (configured ? EngineServer.configure(new HttpServerOptions())
                : new HttpServerOptions())
                .setHost("127.0.0.1")
                .setPort(0)
                .setTcpNoDelay(true);
        return await(vertx.createHttpServer(http).requestHandler(handler).listen());
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete in time: " + e, e);
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    /** How many requests the engine has been handed so far (counted after it returned). */
    public int handledRequests() {
        return handled.get();
    }

    /**
     * Returns once every task queued so far on the session's event loop has run; with
     * {@link #handledRequests()}, tells a test that the session has seen a request.
     */
    public static void drain(EngineSession session) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.exec(() -> done.complete(null));
        try {
            done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the session's event loop did not answer", e);
        }
    }

    public int port() {
        return http.actualPort();
    }

    public EngineServer engine() {
        return engine;
    }

    public SocketIoServer io() {
        return io;
    }

    /** The full URL of the engine path with this query, e.g. {@code EIO=4&transport=polling}. */
    public String url(String query) {
        return "http://127.0.0.1:" + port() + path + "?" + query;
    }

    /** The request URI of the engine path with this query, for a WebSocket. */
    public String uri(String query) {
        return path + "?" + query;
    }

    @Override
    public void close() {
        try {
            if (io != null) {
                await(io.close());
            } else {
                await(engine.close());
            }
            await(http.close());
        } finally {
            await(vertx.close());
        }
        List<String> blocked = BlockedThreadLog.takeWarnings();
        assertThat(blocked).as("Vert.x blocked-thread warnings").isEmpty();
    }
}
