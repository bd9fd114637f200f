package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.CloseReason;
import com.restaurantos.engineio.EnginePacket;
import com.restaurantos.engineio.EngineSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Socket.IO side of one Engine.IO session: decodes its messages and hands each packet to the
 * socket of the packet's namespace. A packet for a namespace the client has not joined reaches
 * no handler. Runs on the session's event loop.
 */
final class Client implements EngineSession.Listener {
    private static final Logger log = LoggerFactory.getLogger(Client.class);

    private final SocketIoServer server;
    private final EngineSession session;
    private final PacketDecoder decoder;
    // Both small and rarely changed, while a connection holds its client for its whole life: an immutable map
    // replaced on each change, and a set that exists only while a CONNECT waits for its middlewares.
    private volatile Map<String, Socket> socketsByNamespace = Map.of();
    private Set<String> connecting;
    private final long connectTimer;
    private volatile boolean closed;

    Client(SocketIoServer server, EngineSession session) {
        this.server = server;
        this.session = session;
        this.decoder = new PacketDecoder(server.options().maxAttachments());
        this.connectTimer = server.vertx().setTimer(server.options().connectTimeout().toMillis(),
                t -> session.exec(() -> {
                    if (socketsByNamespace.isEmpty()) {
                        log.debug("session {} joined no namespace in time", session.id());
                        session.close(CloseReason.FORCED_CLOSE);
                    }
                }));
    }

    EngineSession session() {
        return session;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void onMessage(EnginePacket message) {
        Packet packet;
        try {
            packet = decoder.decode(message);
        } catch (PacketDecodeException e) {
            log.debug("session {} sent an invalid packet: {}", session.id(), e.getMessage());
            session.close(CloseReason.PARSE_ERROR);
            return;
        }
        if (packet == null) {
            return;
        }
        if (packet.type() == PacketType.CONNECT) {
            connect(packet);
            return;
        }
        Socket socket = socketsByNamespace.get(packet.namespace());
        if (socket == null) {
            log.debug("session {}: dropped {} for namespace {} it has not joined", session.id(), packet.type(),
                    packet.namespace());
            return;
        }
        socket.onPacket(packet);
    }

    private void connect(Packet packet) {
        String name = packet.namespace();
        Namespace namespace = server.namespace(name);
        if (namespace == null) {
            sendConnectError(name, new ConnectError("Invalid namespace"));
            return;
        }
        if (socketsByNamespace.containsKey(name) || (connecting != null && connecting.contains(name))) {
            log.debug("session {}: ignored a second CONNECT to {}", session.id(), name);
            return;
        }
        if (connecting == null) {
            connecting = new HashSet<>(2);
        }
        connecting.add(name);
        namespace.connect(this, packet.data());
    }

    /** A socket passed its middlewares and joined. */
    void connected(Socket socket) {
        String name = socket.namespace().name();
        doneConnecting(name);
        synchronized (this) {
            Map<String, Socket> next = new HashMap<>(socketsByNamespace);
            next.put(name, socket);
            socketsByNamespace = Map.copyOf(next);
        }
        server.vertx().cancelTimer(connectTimer);
    }

    /** A middleware refused the connection to a namespace. */
    void refused(Namespace namespace, ConnectError error) {
        doneConnecting(namespace.name());
        sendConnectError(namespace.name(), error);
    }

    private void doneConnecting(String namespace) {
        if (connecting != null) {
            connecting.remove(namespace);
            if (connecting.isEmpty()) {
                connecting = null;
            }
        }
    }

    private void sendConnectError(String namespace, ConnectError error) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("message", error.getMessage());
        if (error.data() != null) {
            data.set("data", Args.toNode(error.data()));
        }
        send(PacketEncoder.encode(new Packet(PacketType.CONNECT_ERROR, namespace, Packet.NO_ACK, data)), false);
    }

    void remove(Socket socket) {
        synchronized (this) {
            String name = socket.namespace().name();
            if (socketsByNamespace.get(name) == socket) {
                Map<String, Socket> next = new HashMap<>(socketsByNamespace);
                next.remove(name);
                socketsByNamespace = Map.copyOf(next);
            }
        }
    }

    boolean send(List<EnginePacket> encoded, boolean isVolatile) {
        if (isVolatile && session.queuedPackets() > 0) {
            return false;
        }
        return session.sendAll(encoded);
    }

    /** Disconnects every socket of this client, then closes the connection. */
    void disconnectAll() {
        for (Socket socket : List.copyOf(socketsByNamespace.values())) {
            socket.sendPacket(new Packet(PacketType.DISCONNECT, socket.namespace().name(), Packet.NO_ACK, null));
            socket.onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
        }
        session.close(CloseReason.FORCED_CLOSE);
    }

    @Override
    public void onClose(String reason) {
        closed = true;
        server.vertx().cancelTimer(connectTimer);
        for (Socket socket : List.copyOf(socketsByNamespace.values())) {
            socket.onClose(reason);
        }
    }
}
