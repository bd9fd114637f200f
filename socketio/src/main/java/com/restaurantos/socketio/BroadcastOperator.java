package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A broadcast being described: which rooms, which not, and how. Immutable: each call returns a
 * new operator, so one can be kept and reused. The packet is encoded once for all recipients.
 * Whether it is compressed is decided per connection: permessage-deflate, when the client
 * negotiated it, for messages from the engine's compression threshold up.
 */
public final class BroadcastOperator {
    private final Namespace namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean isVolatile;

    BroadcastOperator(Namespace namespace, Set<String> rooms, Set<String> except, boolean isVolatile) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.isVolatile = isVolatile;
    }

    /** Also reaches the members of these rooms. */
    public BroadcastOperator to(String... moreRooms) {
        return new BroadcastOperator(namespace, union(rooms, moreRooms), except, isVolatile);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String... moreRooms) {
        return to(moreRooms);
    }

    /** Leaves out the members of these rooms. */
    public BroadcastOperator except(String... excludedRooms) {
        return new BroadcastOperator(namespace, rooms, union(except, excludedRooms), isVolatile);
    }

    /** The packet may be dropped for clients that are not ready to receive it, and is not kept for recovery. */
    public BroadcastOperator volatileMode() {
        return new BroadcastOperator(namespace, rooms, except, true);
    }

    /** Emits the event to every selected socket. */
    public void emit(String event, Object... args) {
        namespace.adapter().broadcast(eventPacket(namespace.name(), event, args), options());
    }

    /** The ids of the sockets this broadcast would reach. */
    public Set<String> socketIds() {
        Set<String> ids = namespace.adapter().sockets(rooms);
        if (!except.isEmpty()) {
            ids.removeAll(namespace.adapter().sockets(except));
        }
        return ids;
    }

    /** Makes every selected socket join these rooms. */
    public void socketsJoin(String... more) {
        List<String> list = Arrays.asList(more);
        for (String id : socketIds()) {
            Socket socket = namespace.socket(id);
            if (socket != null) {
                socket.join(list.toArray(String[]::new));
            }
        }
    }

    /** Disconnects every selected socket. */
    public void disconnectSockets(boolean close) {
        for (String id : socketIds()) {
            Socket socket = namespace.socket(id);
            if (socket != null) {
                socket.disconnect(close);
            }
        }
    }

    BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, isVolatile);
    }

    static Packet eventPacket(String namespace, String event, Object[] args) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode(args.length + 1);
        data.add(event);
        for (Object arg : args) {
            data.add(Args.toNode(arg));
        }
        return new Packet(PacketType.EVENT, namespace, Packet.NO_ACK, data);
    }

    private static Set<String> union(Set<String> base, String[] more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
