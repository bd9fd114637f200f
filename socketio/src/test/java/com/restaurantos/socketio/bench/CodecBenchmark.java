package com.restaurantos.socketio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.restaurantos.engineio.EngineCodec;
import com.restaurantos.engineio.EngineDecodeException;
import com.restaurantos.engineio.EnginePacket;
import com.restaurantos.socketio.Packet;
import com.restaurantos.socketio.PacketDecodeException;
import com.restaurantos.socketio.PacketDecoder;
import com.restaurantos.socketio.PacketEncoder;
import com.restaurantos.socketio.PacketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Encode and decode of the packets a kitchen display sees most: a small event, an order of about
 * 1 KB of JSON, an event with a binary attachment; and a polling payload of several packets.
 * Run with {@code mvn -q -pl socketio -Pbench test-compile exec:exec}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class CodecBenchmark {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Packet plain;
    private Packet order;
    private Packet binary;
    private EnginePacket plainText;
    private EnginePacket orderText;
    private List<EnginePacket> binaryMessages;
    private PacketDecoder decoder;
    private List<EnginePacket> payloadPackets;
    private String payload;

    @Setup
    public void setUp() {
        plain = new Packet(PacketType.EVENT, "/", Packet.NO_ACK,
                NODES.arrayNode().add("order:ready").add("A-1042"));
        order = new Packet(PacketType.EVENT, "/kitchen", Packet.NO_ACK, NODES.arrayNode().add("order:created").add(order()));
        binary = new Packet(PacketType.EVENT, "/", 7, NODES.arrayNode().add("ticket:photo")
                .add(NODES.objectNode().put("orderId", "A-1042").set("jpeg", BinaryNode.valueOf(bytes(2048)))));
        plainText = PacketEncoder.encode(plain).get(0);
        orderText = PacketEncoder.encode(order).get(0);
        binaryMessages = PacketEncoder.encode(binary);
        decoder = new PacketDecoder(10);

        payloadPackets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            payloadPackets.add(EnginePacket.message("2[\"order:updated\",{\"id\":\"A-" + (1000 + i) + "\",\"status\":\"cooking\"}]"));
        }
        payloadPackets.add(EnginePacket.PING);
        payloadPackets.add(EnginePacket.binaryMessage(bytes(256)));
        payload = EngineCodec.encodePayload(payloadPackets);
    }

    private static ObjectNode order() {
        ObjectNode node = NODES.objectNode()
                .put("id", "A-1042").put("table", 12).put("status", "created").put("createdAt", "2026-11-26T19:42:00Z");
        ArrayNode lines = node.putArray("lines");
        for (int i = 0; lines.toString().length() < 900; i++) {
            lines.addObject().put("sku", "DISH-" + i).put("name", "Grilled sea bass with fennel")
                    .put("qty", 1 + i % 3).put("price", 18.5).put("note", i % 2 == 0 ? "no butter" : "");
        }
        return node;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    @Benchmark
    public List<EnginePacket> encodePlainEvent() {
        return PacketEncoder.encode(plain);
    }

    @Benchmark
    public List<EnginePacket> encodeEvent1KbJson() {
        return PacketEncoder.encode(order);
    }

    @Benchmark
    public List<EnginePacket> encodeBinaryEvent() {
        return PacketEncoder.encode(binary);
    }

    @Benchmark
    public Packet decodePlainEvent() throws PacketDecodeException {
        return decoder.decode(plainText);
    }

    @Benchmark
    public Packet decodeEvent1KbJson() throws PacketDecodeException {
        return decoder.decode(orderText);
    }

    @Benchmark
    public Packet decodeBinaryEvent() throws PacketDecodeException {
        Packet packet = null;
        for (EnginePacket message : binaryMessages) {
            packet = decoder.decode(message);
        }
        return packet;
    }

    @Benchmark
    public String encodeEnginePayload() {
        return EngineCodec.encodePayload(payloadPackets);
    }

    @Benchmark
    public List<EnginePacket> decodeEnginePayload() throws EngineDecodeException {
        return EngineCodec.decodePayload(payload);
    }

    /** Checks, outside JMH, that every benchmark decodes what it is meant to; returns the order's size. */
    static int checkInputs() throws Exception {
        CodecBenchmark b = new CodecBenchmark();
        b.setUp();
        JsonNode decoded = b.decodeBinaryEvent().data();
        if (!decoded.equals(b.binary.data()) || b.orderText.text().length() < 1000
                || b.decodeEnginePayload().size() != 10) {
            throw new IllegalStateException("benchmark inputs are wrong");
        }
        return b.orderText.text().length();
    }
}
