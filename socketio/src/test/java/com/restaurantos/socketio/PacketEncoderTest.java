package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.EnginePacket;
import com.restaurantos.engineio.EnginePacketType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of the Socket.IO v5 "Packet encoding" section, encoded by our encoder. */
class PacketEncoderTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static String encodeText(Packet packet) {
        List<EnginePacket> out = PacketEncoder.encode(packet);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).type()).isEqualTo(EnginePacketType.MESSAGE);
        assertThat(out.get(0).isBinary()).isFalse();
        return out.get(0).text();
    }

    @Test
    void encodesConnectToTheMainNamespaceAsADigitAlone() {
        assertThat(encodeText(new Packet(PacketType.CONNECT, "/", Packet.NO_ACK, null))).isEqualTo("0");
    }

    @Test
    void encodesConnectToACustomNamespaceWithItsPayload() {
        Packet packet = new Packet(PacketType.CONNECT, "/admin", Packet.NO_ACK, json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"));

        assertThat(encodeText(packet)).isEqualTo("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
    }

    @Test
    void encodesAConnectErrorAsAnObject() {
        Packet packet = new Packet(PacketType.CONNECT_ERROR, "/", Packet.NO_ACK, json("{\"message\":\"Not authorized\"}"));

        assertThat(encodeText(packet)).isEqualTo("4{\"message\":\"Not authorized\"}");
    }

    @Test
    void encodesAnEventInTheMainNamespaceWithoutANamespacePrefix() {
        assertThat(encodeText(new Packet(PacketType.EVENT, "/", Packet.NO_ACK, json("[\"foo\"]")))).isEqualTo("2[\"foo\"]");
    }

    @Test
    void encodesAnEventInACustomNamespaceFollowedByAComma() {
        assertThat(encodeText(new Packet(PacketType.EVENT, "/admin", Packet.NO_ACK, json("[\"bar\"]"))))
                .isEqualTo("2/admin,[\"bar\"]");
    }

    @Test
    void encodesTheAckIdBeforeThePayload() {
        assertThat(encodeText(new Packet(PacketType.EVENT, "/", 12, json("[\"foo\"]")))).isEqualTo("212[\"foo\"]");
        assertThat(encodeText(new Packet(PacketType.ACK, "/admin", 13, json("[\"bar\"]")))).isEqualTo("3/admin,13[\"bar\"]");
        assertThat(encodeText(new Packet(PacketType.ACK, "/", 0, json("[]")))).isEqualTo("30[]");
    }

    @Test
    void encodesADisconnect() {
        assertThat(encodeText(new Packet(PacketType.DISCONNECT, "/", Packet.NO_ACK, null))).isEqualTo("1");
        assertThat(encodeText(new Packet(PacketType.DISCONNECT, "/admin", Packet.NO_ACK, null))).isEqualTo("1/admin,");
    }

    @Test
    void writesCompactJsonWithKeysInInsertionOrder() {
        ObjectNode obj = NODES.objectNode().put("z", 1).put("a", "2");
        obj.putArray("m").add(true).add(1.5);
        ArrayNode data = NODES.arrayNode().add("ev").add(obj);

        assertThat(encodeText(new Packet(PacketType.EVENT, "/", Packet.NO_ACK, data)))
                .isEqualTo("2[\"ev\",{\"z\":1,\"a\":\"2\",\"m\":[true,1.5]}]");
    }

    @Test
    void replacesABinaryArgumentWithAPlaceholderAndSendsItAsAnAttachment() {
        ArrayNode data = NODES.arrayNode().add("baz").add(BinaryNode.valueOf(new byte[]{1, 2, 3, 4}));

        List<EnginePacket> out = PacketEncoder.encode(new Packet(PacketType.EVENT, "/", Packet.NO_ACK, data));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).text()).isEqualTo("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(out.get(1).isBinary()).isTrue();
        assertThat(out.get(1).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void numbersAttachmentsDepthFirstInACustomNamespace() {
        ObjectNode nested = NODES.objectNode();
        nested.set("first", BinaryNode.valueOf(new byte[]{3}));
        nested.putArray("deeper").add(BinaryNode.valueOf(new byte[]{4}));
        ArrayNode data = NODES.arrayNode().add("baz")
                .add(BinaryNode.valueOf(new byte[]{1, 2}))
                .add(nested)
                .add(BinaryNode.valueOf(new byte[]{5}));

        List<EnginePacket> out = PacketEncoder.encode(new Packet(PacketType.EVENT, "/admin", Packet.NO_ACK, data));

        assertThat(out.get(0).text()).isEqualTo("54-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},"
                + "{\"first\":{\"_placeholder\":true,\"num\":1},\"deeper\":[{\"_placeholder\":true,\"num\":2}]},"
                + "{\"_placeholder\":true,\"num\":3}]");
        assertThat(out.subList(1, 5)).extracting(EnginePacket::binary)
                .containsExactly(new byte[]{1, 2}, new byte[]{3}, new byte[]{4}, new byte[]{5});
    }

    @Test
    void encodesAnAckWithBinaryAsABinaryAck() {
        ArrayNode data = NODES.arrayNode().add("bar").add(BinaryNode.valueOf(new byte[]{1, 2, 3, 4}));

        List<EnginePacket> out = PacketEncoder.encode(new Packet(PacketType.ACK, "/", 15, data));

        assertThat(out.get(0).text()).isEqualTo("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(out.get(1).binary()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void encodesABinaryAckInACustomNamespaceWithTheHeaderInSpecOrder() {
        ArrayNode data = NODES.arrayNode().add(BinaryNode.valueOf(new byte[]{9}));

        List<EnginePacket> out = PacketEncoder.encode(new Packet(PacketType.BINARY_ACK, "/admin", 1, data));

        assertThat(out.get(0).text()).isEqualTo("61-/admin,1[{\"_placeholder\":true,\"num\":0}]");
    }

    @Test
    void downgradesABinaryTypeWithoutBinaryData() {
        assertThat(encodeText(new Packet(PacketType.BINARY_EVENT, "/", Packet.NO_ACK, json("[\"a\"]")))).isEqualTo("2[\"a\"]");
        assertThat(encodeText(new Packet(PacketType.BINARY_ACK, "/", 3, json("[]")))).isEqualTo("33[]");
    }

    @Test
    void leavesTheCallersTreeUnchanged() {
        ArrayNode data = NODES.arrayNode().add("baz").add(BinaryNode.valueOf(new byte[]{1}));
        ArrayNode before = data.deepCopy();

        PacketEncoder.encode(new Packet(PacketType.EVENT, "/", Packet.NO_ACK, data));

        assertThat(data).isEqualTo(before);
        assertThat(data.get(1).isBinary()).isTrue();
    }

    @Test
    void encodesAnEmptyBinaryAttachment() {
        ArrayNode data = NODES.arrayNode().add("e").add(BinaryNode.valueOf(new byte[0]));

        List<EnginePacket> out = PacketEncoder.encode(new Packet(PacketType.EVENT, "/", Packet.NO_ACK, data));

        assertThat(out.get(0).text()).startsWith("51-");
        assertThat(out.get(1).binary()).isEmpty();
    }
}
