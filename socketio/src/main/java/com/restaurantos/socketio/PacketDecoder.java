package com.restaurantos.socketio;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.EnginePacket;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the Engine.IO messages of one client into Socket.IO packets. Stateful: a binary packet
 * is complete only once all its attachments have arrived, as the binary messages that follow it.
 * Not thread-safe; each client has its own.
 */
public final class PacketDecoder {
    /** Event names the protocol reserves; a client may not send them. */
    static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    private static final int MAX_ACK_ID_DIGITS = 15;
    private static final int MAX_NAMESPACE_LENGTH = 256;

    private final int maxAttachments;
    private Packet pending;
    private int expectedAttachments;
    private List<byte[]> attachments;

    public PacketDecoder(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    /**
     * Feeds one Engine.IO message.
     *
     * @return the packet it completes, or null when more attachments are awaited
     * @throws PacketDecodeException when the message is not valid here; the decoder is then reset
     */
    public Packet decode(EnginePacket message) throws PacketDecodeException {
        try {
            return message.isBinary() ? onBinary(message.binary()) : onText(message.text());
        } catch (PacketDecodeException e) {
            reset();
            throw e;
        }
    }

    /** Whether a binary packet is waiting for attachments. */
    public boolean awaitingAttachments() {
        return pending != null;
    }

    private Packet onBinary(byte[] data) throws PacketDecodeException {
        if (pending == null) {
            throw new PacketDecodeException("unexpected binary attachment");
        }
        attachments.add(data);
        if (attachments.size() < expectedAttachments) {
            return null;
        }
        Packet packet = pending;
        JsonNode data2 = packet.data() == null ? null : fillPlaceholders(packet.data(), attachments);
        reset();
        return new Packet(packet.type(), packet.namespace(), packet.ackId(), data2);
    }

    private Packet onText(String text) throws PacketDecodeException {
        if (pending != null) {
            throw new PacketDecodeException("text packet while attachments were awaited");
        }
        Parsed parsed = parse(text);
        Packet packet = parsed.packet();
        int count = parsed.attachmentCount();
        if (packet.type().isBinary() && count > 0) {
            pending = packet;
            expectedAttachments = count;
            attachments = new ArrayList<>(count);
            return null;
        }
        if (packet.type().isBinary()) {
            // Zero attachments: nothing to wait for, but placeholders would point nowhere.
            return new Packet(packet.type(), packet.namespace(), packet.ackId(),
                    packet.data() == null ? null : fillPlaceholders(packet.data(), List.of()));
        }
        return packet;
    }

    private void reset() {
        pending = null;
        expectedAttachments = 0;
        attachments = null;
    }

    /** A packet as read from its text, with the number of attachments its header announces. */
    private record Parsed(Packet packet, int attachmentCount) {
    }

    private Parsed parse(String s) throws PacketDecodeException {
        int length = s.length();
        if (length == 0) {
            throw new PacketDecodeException("empty packet");
        }
        PacketType type = PacketType.fromCode(s.charAt(0));
        if (type == null) {
            throw new PacketDecodeException("unknown packet type");
        }
        int i = 1;
        int attachmentCount = 0;
        if (type.isBinary()) {
            int start = i;
            while (i < length && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 6) {
                i++;
            }
            if (i == start || i >= length || s.charAt(i) != '-') {
                throw new PacketDecodeException("invalid attachment count");
            }
            attachmentCount = Integer.parseInt(s, start, i, 10);
            if (attachmentCount > maxAttachments) {
                throw new PacketDecodeException("too many attachments");
            }
            i++;
        }
        String namespace = "/";
        if (i < length && s.charAt(i) == '/') {
            int comma = s.indexOf(',', i);
            int end = comma < 0 ? length : comma;
            if (end - i > MAX_NAMESPACE_LENGTH) {
                throw new PacketDecodeException("namespace too long");
            }
            namespace = s.substring(i, end);
            i = comma < 0 ? length : comma + 1;
        }
        long ackId = Packet.NO_ACK;
        int digitsStart = i;
        while (i < length && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i > digitsStart) {
            if (i - digitsStart > MAX_ACK_ID_DIGITS) {
                throw new PacketDecodeException("ack id too large");
            }
            ackId = Long.parseLong(s, digitsStart, i, 10);
        }
        JsonNode data = null;
        if (i < length) {
            try {
                data = Json.mapper().readTree(s.substring(i));
            } catch (JacksonException e) {
                throw new PacketDecodeException("invalid JSON payload");
            }
        }
        validate(type, ackId, data);
        return new Parsed(new Packet(type, namespace, ackId, data), attachmentCount);
    }

    private static void validate(PacketType type, long ackId, JsonNode data) throws PacketDecodeException {
        boolean valid = switch (type) {
            case CONNECT -> data == null || data.isObject();
            case DISCONNECT -> data == null;
            case CONNECT_ERROR -> false; // only servers send it
            case EVENT, BINARY_EVENT -> data != null && data.isArray() && !data.isEmpty()
                    && (data.get(0).isNumber() || data.get(0).isTextual() && !RESERVED_EVENTS.contains(data.get(0).asText()));
            case ACK, BINARY_ACK -> data != null && data.isArray() && ackId >= 0;
        };
        if (!valid) {
            throw new PacketDecodeException("invalid payload for " + type);
        }
        if ((type == PacketType.CONNECT || type == PacketType.DISCONNECT) && ackId >= 0) {
            throw new PacketDecodeException("unexpected ack id for " + type);
        }
    }

    private static JsonNode fillPlaceholders(JsonNode node, List<byte[]> attachments) throws PacketDecodeException {
        if (node instanceof ObjectNode object) {
            JsonNode marker = object.get("_placeholder");
            if (marker != null && marker.isBoolean() && marker.booleanValue()) {
                JsonNode num = object.get("num");
                if (num == null || !num.isInt() || num.intValue() < 0 || num.intValue() >= attachments.size()) {
                    throw new PacketDecodeException("placeholder names a missing attachment");
                }
                return BinaryNode.valueOf(attachments.get(num.intValue()));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(fillPlaceholders(e.getValue(), attachments));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fillPlaceholders(array.get(i), attachments));
            }
        }
        return node;
    }
}
