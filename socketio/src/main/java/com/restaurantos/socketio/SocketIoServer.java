package com.restaurantos.socketio;

import com.restaurantos.engineio.EngineServer;
import com.restaurantos.engineio.EngineSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A Socket.IO v5 server on Engine.IO v4: namespaces, sockets, rooms, acknowledgements and
 * connection state recovery. Mount it on a Vert.x HTTP server with {@link #handle}.
 */
public final class SocketIoServer {
    private final Vertx vertx;
    private final SocketIoOptions options;
    private final EngineServer engine;
    private final Function<Namespace, Adapter> adapterFactory;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    public SocketIoServer(Vertx vertx, SocketIoOptions options) {
        this(vertx, options, null);
    }

    /** @param adapterFactory makes the adapter of each namespace; null for the in-memory one */
    public SocketIoServer(Vertx vertx, SocketIoOptions options, Function<Namespace, Adapter> adapterFactory) {
        this.vertx = vertx;
        this.options = options;
        this.adapterFactory = adapterFactory != null ? adapterFactory
                : namespace -> new InMemoryAdapter(namespace, options.recovery(), vertx);
        this.engine = new EngineServer(vertx, options.engine(), this::onSession);
        of("/");
    }

    private void onSession(EngineSession session) {
        session.listener(new Client(this, session));
    }

    public Vertx vertx() {
        return vertx;
    }

    public SocketIoOptions options() {
        return options;
    }

    public EngineServer engine() {
        return engine;
    }

    /** Handles the request if it is for the Socket.IO path; returns false if not. */
    public boolean handle(HttpServerRequest request) {
        return engine.handle(request);
    }

    /** The namespace of this name, created on first use. */
    public Namespace of(String name) {
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("a namespace starts with '/': " + name);
        }
        return namespaces.computeIfAbsent(name, n -> new Namespace(this, n, adapterFactory));
    }

    /** The main namespace, {@code /}. */
    public Namespace sockets() {
        return of("/");
    }

    /** The namespace of this name if it exists. */
    Namespace namespace(String name) {
        return namespaces.get(name);
    }

    /** Disconnects every client ("server shutting down") and stops accepting new ones. */
    public Future<Void> close() {
        return engine.close().onComplete(ar -> namespaces.values().forEach(n -> n.adapter().close()));
    }
}
