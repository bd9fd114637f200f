package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.restaurantos.engineio.EngineCodec;
import com.restaurantos.engineio.EnginePacket;
import com.restaurantos.testing.Mutations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Socket.IO decoder takes anything a client sends and returns a packet, null (waiting for
 * attachments) or throws its own {@link PacketDecodeException}, never anything else; and every
 * packet the encoder writes, binary included, decodes back to itself.
 */
class PacketCodecPropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PACKET_CHARS = "0123456789-/,[]{}\":_placeholdernumtrue \\";
    private static final int MAX_ATTACHMENTS = 10;

    @Property
    void decodeReturnsOrThrowsOnlyItsDecodeExceptionForAnyText(@ForAll("inputs") String input) {
        decodeTolerantly(new PacketDecoder(MAX_ATTACHMENTS), List.of(EnginePacket.message(input)));
    }

    @Property
    void decodeReturnsOrThrowsOnlyItsDecodeExceptionForAnySequenceOfMessages(@ForAll("messageSequences") List<EnginePacket> messages) {
        decodeTolerantly(new PacketDecoder(MAX_ATTACHMENTS), messages);
    }

    @Property(tries = 500)
    void decodeSurvivesMutatedValidPackets(@ForAll("packets") Packet packet, @ForAll Random random) {
        List<EnginePacket> encoded = new ArrayList<>(PacketEncoder.encode(packet));
        String mutated = Mutations.mutate(encoded.get(0).text(), PACKET_CHARS, random);
        encoded.set(0, EnginePacket.message(mutated));
        if (random.nextBoolean() && encoded.size() > 1) {
            encoded.remove(1 + random.nextInt(encoded.size() - 1));
        }
        PacketDecoder decoder = new PacketDecoder(MAX_ATTACHMENTS);
        decodeTolerantly(decoder, encoded);
        // Whatever happened, the decoder still reads a valid packet that follows, once it is not
        // waiting for attachments any more.
        if (!decoder.awaitingAttachments()) {
            try {
                assertThat(decoder.decode(EnginePacket.message("2[\"next\"]"))).isNotNull();
            } catch (PacketDecodeException e) {
                throw new AssertionError("decoder did not recover", e);
            }
        }
    }

    @Property(tries = 500)
    void decodeGivesBackWhatEncodeWrote(@ForAll("packets") Packet packet) throws Exception {
        PacketDecoder decoder = new PacketDecoder(MAX_ATTACHMENTS);
        List<EnginePacket> encoded = PacketEncoder.encode(packet);

        Packet decoded = feed(decoder, encoded);

        assertThat(decoded).isEqualTo(expectedAfterRoundTrip(packet, encoded.size() - 1));
    }

    @Property(tries = 500)
    void aPacketSurvivesALongPollingPayloadToo(@ForAll("pollingPackets") Packet packet) throws Exception {
        List<EnginePacket> encoded = PacketEncoder.encode(packet);
        List<EnginePacket> overTheWire = EngineCodec.decodePayload(EngineCodec.encodePayload(encoded));

        Packet decoded = feed(new PacketDecoder(MAX_ATTACHMENTS), overTheWire);

        assertThat(decoded).isEqualTo(expectedAfterRoundTrip(packet, encoded.size() - 1));
    }

    private static Packet feed(PacketDecoder decoder, List<EnginePacket> messages) throws PacketDecodeException {
        Packet last = null;
        for (int i = 0; i < messages.size(); i++) {
            last = decoder.decode(messages.get(i));
            if (i < messages.size() - 1) {
                assertThat(last).as("packet completed before its last attachment").isNull();
            }
        }
        assertThat(decoder.awaitingAttachments()).isFalse();
        return last;
    }

    /** The encoder picks the binary type from the data; everything else comes back as it was. */
    private static Packet expectedAfterRoundTrip(Packet packet, int attachments) {
        PacketType type = packet.type();
        if (attachments > 0) {
            type = type == PacketType.ACK ? PacketType.BINARY_ACK : PacketType.BINARY_EVENT;
        }
        return new Packet(type, packet.namespace(), packet.ackId(), packet.data());
    }

    private static void decodeTolerantly(PacketDecoder decoder, List<EnginePacket> messages) {
        for (EnginePacket message : messages) {
            try {
                Packet packet = decoder.decode(message);
                if (packet != null) {
                    assertThat(packet.namespace()).startsWith("/");
                }
            } catch (PacketDecodeException expected) {
                // refused, as it may be
            }
        }
    }

    // ---- generators -------------------------------------------------------------------------

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> near = Arbitraries.strings().withChars(PACKET_CHARS.toCharArray()).ofMaxLength(40);
        return Arbitraries.oneOf(
                Arbitraries.strings(),
                near,
                near.map(s -> "5" + s),
                near.map(s -> "2" + s),
                packets().map(p -> PacketEncoder.encode(p).get(0).text()));
    }

    @Provide
    Arbitrary<List<EnginePacket>> messageSequences() {
        Arbitrary<EnginePacket> text = inputs().map(EnginePacket::message);
        Arbitrary<EnginePacket> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(8)
                .map(EnginePacket::binaryMessage);
        Arbitrary<EnginePacket> binaryHeader = Arbitraries.integers().between(0, 12)
                .map(n -> EnginePacket.message("5" + n + "-[\"e\",{\"_placeholder\":true,\"num\":" + (n - 1) + "}]"));
        return Arbitraries.frequencyOf(Tuple.of(3, text), Tuple.of(3, binary), Tuple.of(2, binaryHeader))
                .list().ofMaxSize(12);
    }

    /**
     * Packets that a polling payload can carry. The record separator 0x1E splits a payload; JSON escapes it in
     * data, but a namespace is written raw, so a namespace holding it cannot go over long-polling (in any
     * Engine.IO implementation): a client's CONNECT to it would arrive split in the first place.
     */
    @Provide
    Arbitrary<Packet> pollingPackets() {
        return packets().filter(p -> p.namespace().indexOf(EngineCodec.RECORD_SEPARATOR) < 0);
    }

    @Provide
    Arbitrary<Packet> packets() {
        Arbitrary<String> namespace = Arbitraries.oneOf(
                Arbitraries.just("/"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(s -> "/" + s.replace(',', '.')));
        Arbitrary<Long> ackId = Arbitraries.longs().between(0, 999_999_999_999_999L);
        Arbitrary<Packet> connect = Combinators.combine(namespace, objects(false).injectNull(0.3))
                .as((ns, data) -> new Packet(PacketType.CONNECT, ns, Packet.NO_ACK, data));
        Arbitrary<Packet> disconnect = namespace.map(ns -> new Packet(PacketType.DISCONNECT, ns, Packet.NO_ACK, null));
        Arbitrary<Packet> event = Combinators.combine(namespace, ackId.injectNull(0.5), eventName(),
                        values(true).list().ofMaxSize(4))
                .as((ns, id, name, args) -> {
                    ArrayNode data = NODES.arrayNode().add(name);
                    data.addAll(args);
                    return new Packet(PacketType.EVENT, ns, id == null ? Packet.NO_ACK : id, data);
                });
        Arbitrary<Packet> ack = Combinators.combine(namespace, ackId, values(true).list().ofMaxSize(4))
                .as((ns, id, args) -> new Packet(PacketType.ACK, ns, id, NODES.arrayNode().addAll(args)));
        return Arbitraries.frequencyOf(Tuple.of(1, connect), Tuple.of(1, disconnect), Tuple.of(4, event), Tuple.of(2, ack))
                .filter(p -> attachmentCount(p.data()) <= MAX_ATTACHMENTS);
    }

    private static Arbitrary<String> eventName() {
        return Arbitraries.strings().ofMaxLength(15).filter(s -> !PacketDecoder.RESERVED_EVENTS.contains(s));
    }

    private static Arbitrary<JsonNode> leaves(boolean binary) {
        List<Arbitrary<? extends JsonNode>> leaves = new ArrayList<>(List.of(
                Arbitraries.just(NullNode.instance),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.longs().filter(v -> v < Integer.MIN_VALUE || v > Integer.MAX_VALUE).map(LongNode::valueOf),
                Arbitraries.doubles().filter(Double::isFinite).map(DoubleNode::valueOf),
                Arbitraries.strings().ofMaxLength(20).map(TextNode::valueOf)));
        if (binary) {
            leaves.add(Arbitraries.bytes().array(byte[].class).ofMaxSize(32).map(BinaryNode::valueOf));
        }
        return Arbitraries.oneOf(leaves.stream().map(a -> a.map(n -> (JsonNode) n)).toList());
    }

    /** JSON-ish values up to two containers deep (three with the event's array); binary wherever a value may be. */
    private static Arbitrary<JsonNode> values(boolean binary) {
        return Arbitraries.recursive(() -> leaves(binary), inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> (JsonNode) NODES.arrayNode().addAll(list)),
                Arbitraries.maps(keys(), inner).ofMaxSize(4).map(PacketCodecPropertyTest::object)), 0, 2);
    }

    private static Arbitrary<JsonNode> objects(boolean binary) {
        return Arbitraries.maps(keys(), values(binary)).ofMaxSize(4).map(PacketCodecPropertyTest::object);
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.strings().ofMaxLength(8).filter(k -> !k.equals("_placeholder"));
    }

    private static JsonNode object(Map<String, JsonNode> fields) {
        ObjectNode node = NODES.objectNode();
        node.setAll(fields);
        return node;
    }

    private static int attachmentCount(JsonNode node) {
        if (node == null) {
            return 0;
        }
        if (node.isBinary()) {
            return 1;
        }
        int count = 0;
        for (JsonNode child : node) {
            count += attachmentCount(child);
        }
        return count;
    }
}
