package com.restaurantos.engineio;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine.IO v4 packet and payload encoding.
 *
 * <p>A WebSocket text frame holds one packet: its type digit followed by its data. A binary frame
 * holds the raw bytes of one binary message. A polling payload joins packets with the record
 * separator 0x1E; a binary message in it is written as {@code b} followed by its base64 form.
 */
public final class EngineCodec {
    public static final char RECORD_SEPARATOR = '\u001e';

    private EngineCodec() {
    }

    /** Decodes the text of one packet (a WebSocket text frame or one record of a polling payload). */
    public static EnginePacket decodeText(String encoded) throws EngineDecodeException {
        if (encoded.isEmpty()) {
            throw new EngineDecodeException("empty packet");
        }
        EnginePacketType type = EnginePacketType.fromCode(encoded.charAt(0));
        if (type == null) {
            throw new EngineDecodeException("unknown packet type");
        }
        return EnginePacket.of(type, encoded.substring(1));
    }

    /** Decodes an HTTP long-polling request body into its packets, in order. */
    public static List<EnginePacket> decodePayload(String payload) throws EngineDecodeException {
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        int length = payload.length();
        while (start <= length) {
            int end = payload.indexOf(RECORD_SEPARATOR, start);
            if (end < 0) {
                end = length;
            }
            packets.add(decodeRecord(payload.substring(start, end)));
            start = end + 1;
        }
        return packets;
    }

    private static EnginePacket decodeRecord(String record) throws EngineDecodeException {
        if (!record.isEmpty() && record.charAt(0) == 'b') {
            try {
                return EnginePacket.binaryMessage(Base64.getDecoder().decode(withoutAsciiWhitespace(record, 1)));
            } catch (IllegalArgumentException e) {
                throw new EngineDecodeException("invalid base64 in binary packet");
            }
        }
        return decodeText(record);
    }

    /**
     * The record from {@code start} on, without ASCII whitespace. The official Java client wraps
     * its base64 in 76-character lines; the reference server, like the WHATWG forgiving-base64
     * decode, skips whitespace, so the lines are joined before the strict decode.
     */
    private static String withoutAsciiWhitespace(String record, int start) {
        StringBuilder sb = null;
        for (int i = start; i < record.length(); i++) {
            char c = record.charAt(i);
            boolean whitespace = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
            if (whitespace && sb == null) {
                sb = new StringBuilder(record.length()).append(record, start, i);
            } else if (!whitespace && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? record.substring(start) : sb.toString();
    }

    /** Encodes packets as one HTTP long-polling response body. */
    public static String encodePayload(List<EnginePacket> packets) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(RECORD_SEPARATOR);
            }
            EnginePacket p = packets.get(i);
            if (p.isBinary()) {
                sb.append('b').append(Base64.getEncoder().encodeToString(p.binary()));
            } else {
                sb.append(p.encodedText());
            }
        }
        return sb.toString();
    }
}
