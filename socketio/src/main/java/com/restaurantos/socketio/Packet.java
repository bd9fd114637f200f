package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One Socket.IO packet, with binary attachments already in place: binary values in {@code data}
 * are Jackson {@code BinaryNode}s, wherever they sit in the tree.
 *
 * @param type      the packet type; a binary type is chosen by the encoder, so callers may use
 *                  EVENT and ACK whether or not the data holds binary
 * @param namespace the namespace, {@code /} for the main one
 * @param ackId     the acknowledgement id, or {@link #NO_ACK}
 * @param data      the payload, or null when the packet has none
 */
public record Packet(PacketType type, String namespace, long ackId, JsonNode data) {
    public static final long NO_ACK = -1;

    public Packet {
        Objects.requireNonNull(type);
        Objects.requireNonNull(namespace);
    }

    public boolean hasAckId() {
        return ackId >= 0;
    }
}
