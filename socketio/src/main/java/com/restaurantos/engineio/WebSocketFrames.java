package com.restaurantos.engineio;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * Whole server-to-client WebSocket frames (RFC 6455 section 5.2), built once per packet so that a
 * broadcast writes the same bytes to every recipient instead of framing, and compressing, per socket.
 *
 * <p>A compressed frame follows permessage-deflate without context takeover (RFC 7692, which is
 * what {@link DeflateNegotiation} always agrees to): each message is a raw DEFLATE stream of its
 * own, ended by a sync flush whose trailing {@code 00 00 ff ff} is left off, and the frame has RSV1 set.
 */
final class WebSocketFrames {
    private static final int FIN = 0x80;
    private static final int RSV1 = 0x40;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int COMPRESSION_LEVEL = 6;
    private static final int SYNC_FLUSH_TAIL = 4;

    private WebSocketFrames() {
    }

    /** One final, unmasked frame carrying the payload as it is. */
    static byte[] plain(byte[] payload, boolean binary) {
        return frame(FIN | (binary ? BINARY : TEXT), payload, payload.length);
    }

    /** One final, unmasked frame carrying the payload compressed. */
    static byte[] deflated(byte[] payload, boolean binary) {
        Deflater deflater = new Deflater(COMPRESSION_LEVEL, true);
        try {
            deflater.setInput(payload);
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2 + 64);
            byte[] chunk = new byte[Math.min(64 * 1024, payload.length + 64)];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, n);
            } while (n == chunk.length);
            byte[] compressed = out.toByteArray();
            return frame(FIN | RSV1 | (binary ? BINARY : TEXT), compressed, compressed.length - SYNC_FLUSH_TAIL);
        } finally {
            deflater.end();
        }
    }

    private static byte[] frame(int firstByte, byte[] payload, int length) {
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) firstByte;
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            long size = length;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (size >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
