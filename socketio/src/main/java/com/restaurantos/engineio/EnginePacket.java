package com.restaurantos.engineio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and either text or binary data (never both).
 * Instances are immutable and may be shared between sessions: a broadcast builds its
 * packet once and the bytes of its WebSocket frame are computed once, on first use.
 */
public final class EnginePacket {
    public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, "", null);
    public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, "", null);
    public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, "", null);
    public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, "", null);

    private final EnginePacketType type;
    private final String text;
    private final byte[] binary;
    private volatile String encodedText;
    private volatile byte[] frame;
    private volatile byte[] deflatedFrame;

    private EnginePacket(EnginePacketType type, String text, byte[] binary) {
        this.type = Objects.requireNonNull(type);
        this.text = text;
        this.binary = binary;
    }

    public static EnginePacket of(EnginePacketType type, String text) {
        return new EnginePacket(type, text == null ? "" : text, null);
    }

    public static EnginePacket message(String text) {
        return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(text), null);
    }

    /** A binary message; the array is owned by the packet from now on and must not be changed. */
    public static EnginePacket binaryMessage(byte[] data) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, Objects.requireNonNull(data));
    }

    public EnginePacketType type() {
        return type;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The text data, empty for a packet without data; null for a binary packet. */
    public String text() {
        return text;
    }

    /** The binary data, or null for a text packet. */
    public byte[] binary() {
        return binary;
    }

    /** The packet as sent in a WebSocket text frame or inside a polling payload: type digit then data. */
    public String encodedText() {
        String e = encodedText;
        if (e == null) {
            e = type.code() + text;
            encodedText = e;
        }
        return e;
    }

    /**
     * The packet as one WebSocket frame, built on first use and then shared by every recipient;
     * compressed when the connection agreed to permessage-deflate and the payload reaches the threshold.
     */
    byte[] webSocketFrame(boolean deflate, int compressionThreshold) {
        if (!deflate) {
            byte[] f = frame;
            if (f == null) {
                f = WebSocketFrames.plain(payload(), isBinary());
                frame = f;
            }
            return f;
        }
        byte[] f = deflatedFrame;
        if (f == null) {
            byte[] payload = payload();
            f = payload.length < compressionThreshold ? webSocketFrame(false, compressionThreshold)
                    : WebSocketFrames.deflated(payload, isBinary());
            deflatedFrame = f;
        }
        return f;
    }

    /** What a WebSocket frame of this packet carries: the binary data, or the encoded text in UTF-8. */
    private byte[] payload() {
        return binary != null ? binary : encodedText().getBytes(StandardCharsets.UTF_8);
    }

    /** Approximate bytes this packet occupies on the wire; used to bound outbound queues. */
    public int wireSize() {
        if (binary != null) {
            return binary.length + 1;
        }
        // UTF-8 is at most 3 bytes per char for BMP text; the length is a cheap, safe estimate.
        return text.length() + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnginePacket p && p.type == type && Objects.equals(p.text, text)
                && Arrays.equals(p.binary, binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text, Arrays.hashCode(binary));
    }

    @Override
    public String toString() {
        return binary != null
                ? "EnginePacket[" + type + ", " + binary.length + " bytes]"
                : "EnginePacket[" + type + ", " + text + "]";
    }
}
