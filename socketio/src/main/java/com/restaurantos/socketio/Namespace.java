package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/** A namespace: its sockets, its connection middlewares and handlers, and the adapter of its rooms. */
public final class Namespace {
    private static final Logger log = LoggerFactory.getLogger(Namespace.class);

    private final SocketIoServer server;
    private final String name;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final List<ConnectionMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();

    Namespace(SocketIoServer server, String name, Function<Namespace, Adapter> adapterFactory) {
        this.server = server;
        this.name = name;
        this.adapter = adapterFactory.apply(this);
    }

    public String name() {
        return name;
    }

    public Adapter adapter() {
        return adapter;
    }

    Vertx vertx() {
        return server.vertx();
    }

    boolean recoveryEnabled() {
        return server.options().recovery() != null;
    }

    int maxRoomsPerSocket() {
        return server.options().maxRoomsPerSocket();
    }

    /** Adds a connection middleware; they run in the order added. */
    public Namespace use(ConnectionMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /** Called for each socket that joined the namespace, after its CONNECT reply. */
    public Namespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    public Collection<Socket> sockets() {
        return Collections.unmodifiableCollection(sockets.values());
    }

    /** The connected socket with this id, or null. */
    public Socket socket(String id) {
        return sockets.get(id);
    }

    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(this, Set.of(rooms), Set.of(), false);
    }

    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(this, Set.of(), Set.of(rooms), false);
    }

    public BroadcastOperator volatileMode() {
        return new BroadcastOperator(this, Set.of(), Set.of(), true);
    }

    /** Emits an event to every socket of the namespace. */
    public void emit(String event, Object... args) {
        new BroadcastOperator(this, Set.of(), Set.of(), false).emit(event, args);
    }

    // ---- joining (on the client's event loop) ---------------------------------------------

    void connect(Client client, JsonNode auth) {
        SessionState.Restored restored = null;
        if (recoveryEnabled() && auth != null && auth.path("pid").isTextual()) {
            JsonNode offset = auth.path("offset");
            restored = adapter.restoreSession(auth.get("pid").asText(), offset.isTextual() ? offset.asText() : null)
                    .orElse(null);
        }
        Socket socket = new Socket(this, client, auth, restored);
        if (restored != null && server.options().recovery().skipMiddlewares()) {
            admit(client, socket);
        } else {
            runMiddlewares(client, socket, 0);
        }
    }

    private void runMiddlewares(Client client, Socket socket, int index) {
        if (client.closed()) {
            return;
        }
        if (index == middlewares.size()) {
            admit(client, socket);
            return;
        }
        AtomicBoolean decided = new AtomicBoolean();
        ConnectionMiddleware.Next next = new ConnectionMiddleware.Next() {
            @Override
            public void proceed() {
                if (decided.compareAndSet(false, true)) {
                    client.session().exec(() -> runMiddlewares(client, socket, index + 1));
                }
            }

            @Override
            public void reject(ConnectError error) {
                if (decided.compareAndSet(false, true)) {
                    client.session().exec(() -> client.refused(Namespace.this, error));
                }
            }
        };
        try {
            middlewares.get(index).handle(socket, next);
        } catch (ConnectError e) {
            next.reject(e);
        } catch (RuntimeException e) {
            log.error("connection middleware of namespace {} failed", name, e);
            next.reject(new ConnectError("Internal server error"));
        }
    }

    private void admit(Client client, Socket socket) {
        if (client.closed()) {
            return;
        }
        sockets.put(socket.id(), socket);
        client.connected(socket);
        socket.onConnect();
        for (Consumer<Socket> handler : connectionHandlers) {
            try {
                handler.accept(socket);
            } catch (RuntimeException e) {
                log.error("connection handler of namespace {} failed", name, e);
            }
        }
    }

    void remove(Socket socket) {
        sockets.remove(socket.id(), socket);
    }
}
