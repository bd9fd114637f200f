package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.EnginePacket;
import com.restaurantos.engineio.HandshakeRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A client's connection to one namespace. Handlers and middlewares run on the client's event
 * loop; {@code emit}, {@code join}, {@code leave} and {@code disconnect} may be called from any thread.
 */
public final class Socket {
    private static final Logger log = LoggerFactory.getLogger(Socket.class);

    private final Namespace namespace;
    private final Client client;
    private final String id;
    private final String pid;
    private final JsonNode auth;
    private final boolean recovered;
    private final Map<String, Object> data = new ConcurrentHashMap<>();
    // Immutable, replaced on each registration: handlers are set once, at connection, and read on every event;
    // a concurrent map per socket would cost some 300 bytes more per connection.
    private volatile Map<String, EventHandler> handlers = Map.of();
    private final List<EventMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> disconnectingListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> disconnectListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextAckId = new AtomicLong();
    private final Map<Long, PendingAck> pendingAcks = new ConcurrentHashMap<>();
    private final Set<String> restoredRooms;
    private final Object joinLock = new Object();
    private final String replayAfter;
    private volatile String connectOffset;
    private volatile boolean connected;

    private record PendingAck(Promise<List<JsonNode>> promise, long timer) {
    }

    Socket(Namespace namespace, Client client, JsonNode auth, SessionState.Restored restored) {
        this.namespace = namespace;
        this.client = client;
        this.auth = auth == null ? JsonNodeFactory.instance.objectNode() : auth;
        if (restored != null) {
            this.id = restored.sid();
            this.pid = restored.pid();
            this.recovered = true;
            this.data.putAll(restored.data());
            this.restoredRooms = restored.rooms();
            this.replayAfter = restored.replayAfter();
        } else {
            this.id = Ids.newId();
            this.pid = namespace.recoveryEnabled() ? Ids.newId() : null;
            this.recovered = false;
            this.restoredRooms = Set.of();
            this.replayAfter = null;
        }
    }

    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    /** The HTTP request that opened the underlying connection. */
    public HandshakeRequest handshake() {
        return client.session().handshake();
    }

    /** The auth payload of the CONNECT packet (an empty object when the client sent none). */
    public JsonNode auth() {
        return auth;
    }

    /** Whether this socket continues a session that connection state recovery gave back. */
    public boolean recovered() {
        return recovered;
    }

    public boolean connected() {
        return connected;
    }

    /** The name of the transport in use: {@code polling} or {@code websocket}. */
    public String transport() {
        return client.session().transport();
    }

    /** Application data attached to the socket; kept across a recovered reconnection. */
    public Map<String, Object> data() {
        return data;
    }

    /** Registers the handler of an event name, replacing any previous one. */
    public Socket on(String event, EventHandler handler) {
        synchronized (this) {
            Map<String, EventHandler> next = new HashMap<>(handlers);
            next.put(event, handler);
            handlers = Map.copyOf(next);
        }
        return this;
    }

    /** Adds a middleware that sees every incoming event before its handler. */
    public Socket use(EventMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /** Called with the reason when the socket is about to leave its rooms. */
    public Socket onDisconnecting(Consumer<String> listener) {
        disconnectingListeners.add(listener);
        return this;
    }

    /** Called with the reason once the socket has left its namespace. */
    public Socket onDisconnect(Consumer<String> listener) {
        disconnectListeners.add(listener);
        return this;
    }

    // ---- rooms ---------------------------------------------------------------------------

    /**
     * Joins these rooms, all or none: throws {@link RoomLimitException}, and joins none, when that would put the
     * socket in more rooms than {@link SocketIoOptions#maxRoomsPerSocket()}. Rooms it is already in count once.
     */
    public void join(String... rooms) {
        Set<String> joining = Set.of(rooms);
        int max = namespace.maxRoomsPerSocket();
        if (max == 0) {
            namespace.adapter().addAll(id, joining);
            return;
        }
        // Joins of one socket from two threads at once must not both pass the check.
        synchronized (joinLock) {
            Set<String> current = rooms();
            long added = joining.stream().filter(room -> !current.contains(room)).count();
            if (current.size() + added > max) {
                throw new RoomLimitException(id, max);
            }
            namespace.adapter().addAll(id, joining);
        }
    }

    public void leave(String room) {
        namespace.adapter().del(id, room);
    }

    public Set<String> rooms() {
        return namespace.adapter().socketRooms(id);
    }

    /** A broadcast to these rooms that leaves out this socket. */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(namespace, Set.of(rooms), Set.of(id), false);
    }

    /** A broadcast to the whole namespace but this socket. */
    public BroadcastOperator broadcast() {
        return new BroadcastOperator(namespace, Set.of(), Set.of(id), false);
    }

    // ---- emitting ------------------------------------------------------------------------

    /**
     * Sends an event to this client. With recovery on, the event goes through the adapter so
     * that it carries an offset and is replayed if the client misses it.
     * Returns false when the socket is no longer connected.
     */
    public boolean emit(String event, Object... args) {
        if (!connected) {
            return false;
        }
        Packet packet = BroadcastOperator.eventPacket(namespace.name(), event, args);
        if (namespace.recoveryEnabled()) {
            namespace.adapter().broadcast(packet, BroadcastOptions.toRooms(Set.of(id)));
            return true;
        }
        return sendPacket(packet);
    }

    /** Sends an event and completes with the client's acknowledgement, or fails after the timeout. */
    public Future<List<JsonNode>> emitWithAck(String event, Duration timeout, Object... args) {
        Promise<List<JsonNode>> promise = Promise.promise();
        if (!connected) {
            promise.fail(new IllegalStateException("socket is disconnected"));
            return promise.future();
        }
        long ackId = nextAckId.getAndIncrement();
        long timer = namespace.vertx().setTimer(timeout.toMillis(), t -> {
            PendingAck pending = pendingAcks.remove(ackId);
            if (pending != null) {
                pending.promise().tryFail(new AckTimeoutException(event, timeout));
            }
        });
        pendingAcks.put(ackId, new PendingAck(promise, timer));
        Packet packet = BroadcastOperator.eventPacket(namespace.name(), event, args);
        if (!sendPacket(new Packet(PacketType.EVENT, packet.namespace(), ackId, packet.data()))) {
            failAck(ackId, new IllegalStateException("socket is disconnected"));
        }
        return promise.future();
    }

    /** Leaves the namespace; with {@code close}, also closes the underlying connection. */
    public void disconnect(boolean close) {
        client.session().exec(() -> {
            if (!connected) {
                return;
            }
            if (close) {
                client.disconnectAll();
            } else {
                sendPacket(new Packet(PacketType.DISCONNECT, namespace.name(), Packet.NO_ACK, null));
                onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
            }
        });
    }

    boolean sendPacket(Packet packet) {
        return connected && client.send(PacketEncoder.encode(packet), false);
    }

    /** Writes an already encoded packet; used by broadcasts. */
    void deliver(List<EnginePacket> encoded, boolean isVolatile) {
        if (connected) {
            client.send(encoded, isVolatile);
        }
    }

    // ---- lifecycle (on the client's event loop) -------------------------------------------

    /**
     * Joins the namespace: the CONNECT reply, the events missed while away (for a recovered
     * session), then the socket's own room and any restored ones, with no broadcast in between.
     */
    void onConnect() {
        Set<String> rooms = new HashSet<>(restoredRooms);
        rooms.add(id);
        ObjectNode reply = JsonNodeFactory.instance.objectNode().put("sid", id);
        if (pid != null) {
            reply.put("pid", pid);
        }
        connectOffset = namespace.adapter().admit(id, rooms, replayAfter, missed -> {
            client.send(PacketEncoder.encode(new Packet(PacketType.CONNECT, namespace.name(), Packet.NO_ACK, reply)),
                    false);
            for (ArrayNode event : missed) {
                client.send(PacketEncoder.encode(new Packet(PacketType.EVENT, namespace.name(), Packet.NO_ACK, event)),
                        false);
            }
            connected = true;
        });
    }

    void onPacket(Packet packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> onAck(packet);
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
            default -> log.debug("socket {}: ignored {} packet", id, packet.type());
        }
    }

    private void onEvent(Packet packet) {
        ArrayNode data = (ArrayNode) packet.data();
        String name = data.get(0).asText();
        List<JsonNode> args = new ArrayList<>(data.size() - 1);
        for (int i = 1; i < data.size(); i++) {
            args.add(data.get(i));
        }
        Ack ack = packet.hasAckId() ? new Ack(this, packet.ackId()) : Ack.NONE;
        runMiddlewares(new Event(name, args, ack), 0);
    }

    private void runMiddlewares(Event event, int index) {
        if (!connected) {
            return;
        }
        if (index == middlewares.size()) {
            dispatch(event);
            return;
        }
        try {
            middlewares.get(index).handle(this, event, () -> client.session().exec(() -> runMiddlewares(event, index + 1)));
        } catch (RuntimeException e) {
            log.error("event middleware failed on socket {} for event {}", id, event.name(), e);
        }
    }

    private void dispatch(Event event) {
        EventHandler handler = handlers.get(event.name());
        if (handler == null) {
            log.debug("socket {}: no handler for event {}", id, event.name());
            return;
        }
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            log.error("handler of event {} failed on socket {}", event.name(), id, e);
        }
    }

    private void onAck(Packet packet) {
        PendingAck pending = pendingAcks.remove(packet.ackId());
        if (pending == null) {
            log.debug("socket {}: unknown ack id {}", id, packet.ackId());
            return;
        }
        namespace.vertx().cancelTimer(pending.timer());
        List<JsonNode> args = new ArrayList<>();
        packet.data().forEach(args::add);
        pending.promise().tryComplete(args);
    }

    private void failAck(long ackId, Throwable error) {
        PendingAck pending = pendingAcks.remove(ackId);
        if (pending != null) {
            namespace.vertx().cancelTimer(pending.timer());
            pending.promise().tryFail(error);
        }
    }

    /** Leaves the namespace for the given reason; does nothing if already gone. */
    void onClose(String reason) {
        if (!connected) {
            return;
        }
        notify(disconnectingListeners, reason);
        if (pid != null && DisconnectReason.RECOVERABLE.contains(reason)) {
            namespace.adapter().persistSession(new SessionState.Persisted(id, pid, rooms(), data,
                    System.currentTimeMillis(), connectOffset));
        }
        connected = false;
        namespace.adapter().delAll(id);
        namespace.remove(this);
        client.remove(this);
        for (Long ackId : List.copyOf(pendingAcks.keySet())) {
            failAck(ackId, new IllegalStateException("socket disconnected: " + reason));
        }
        notify(disconnectListeners, reason);
    }

    private void notify(List<Consumer<String>> listeners, String reason) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                log.error("disconnect listener failed on socket {}", id, e);
            }
        }
    }
}
