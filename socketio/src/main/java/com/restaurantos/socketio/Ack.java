package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/** The reply to one event the client sent with an acknowledgement id. Sends at most once. */
public final class Ack {
    static final Ack NONE = new Ack(null, Packet.NO_ACK);

    private final Socket socket;
    private final long id;
    private final AtomicBoolean sent = new AtomicBoolean();

    Ack(Socket socket, long id) {
        this.socket = socket;
        this.id = id;
    }

    /** Whether the client asked for a reply. */
    public boolean requested() {
        return id >= 0;
    }

    /**
     * Sends the reply. Returns false, sending nothing, when none was requested, when a reply
     * was already sent, or when the socket is gone.
     */
    public boolean send(Object... args) {
        if (!requested() || !sent.compareAndSet(false, true)) {
            return false;
        }
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length);
        for (Object arg : args) {
            data.add(Args.toNode(arg));
        }
        return socket.sendPacket(new Packet(PacketType.ACK, socket.namespace().name(), id, data));
    }
}
