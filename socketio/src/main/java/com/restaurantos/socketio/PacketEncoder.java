package com.restaurantos.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.EnginePacket;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Encodes Socket.IO packets into Engine.IO messages: one text message, then one binary message
 * per attachment. Binary values in the data are replaced by {@code {"_placeholder":true,"num":n}}
 * and the type becomes BINARY_EVENT or BINARY_ACK.
 */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    /** The Engine.IO messages for a packet, in the order they must be sent. */
    public static List<EnginePacket> encode(Packet packet) {
        List<byte[]> attachments = new ArrayList<>(0);
        JsonNode data = packet.data() == null ? null : extractBinary(packet.data(), attachments);
        PacketType type = packet.type();
        if (!attachments.isEmpty()) {
            type = type == PacketType.ACK || type == PacketType.BINARY_ACK ? PacketType.BINARY_ACK : PacketType.BINARY_EVENT;
        } else if (type == PacketType.BINARY_EVENT) {
            type = PacketType.EVENT;
        } else if (type == PacketType.BINARY_ACK) {
            type = PacketType.ACK;
        }
        StringBuilder sb = new StringBuilder(64);
        sb.append(type.code());
        if (type.isBinary()) {
            sb.append(attachments.size()).append('-');
        }
        if (!"/".equals(packet.namespace())) {
            sb.append(packet.namespace()).append(',');
        }
        if (packet.hasAckId()) {
            sb.append(packet.ackId());
        }
        if (data != null) {
            try {
                sb.append(Json.mapper().writeValueAsString(data));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<EnginePacket> out = new ArrayList<>(1 + attachments.size());
        out.add(EnginePacket.message(sb.toString()));
        for (byte[] attachment : attachments) {
            out.add(EnginePacket.binaryMessage(attachment));
        }
        return out;
    }

    /** Returns the tree with binary nodes replaced by placeholders; the input is not changed. */
    private static JsonNode extractBinary(JsonNode node, List<byte[]> attachments) {
        if (node instanceof BinaryNode binary) {
            ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
            placeholder.put("_placeholder", true);
            placeholder.put("num", attachments.size());
            attachments.add(binary.binaryValue());
            return placeholder;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = null;
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                JsonNode replaced = extractBinary(child, attachments);
                if (replaced != child && copy == null) {
                    copy = array.deepCopy();
                }
                if (copy != null) {
                    copy.set(i, replaced);
                }
            }
            return copy == null ? array : copy;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode replaced = extractBinary(e.getValue(), attachments);
                if (replaced != e.getValue() && copy == null) {
                    copy = object.deepCopy();
                }
                if (copy != null) {
                    copy.set(e.getKey(), replaced);
                }
            }
            return copy == null ? object : copy;
        }
        return node;
    }
}
