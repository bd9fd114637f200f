package com.restaurantos.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The WebSocket framing of RFC 6455 as a client needs it, without per-frame objects: client frames
 * are written masked; a server frame's header is read into one {@code long} ({@link #header}).
 */
final class WsFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** What {@link #header} answers when the buffer does not hold a whole frame yet. */
    static final long INCOMPLETE = -1;
    /** What {@link #header} answers for a frame a server must not send (masked, reserved bits, too large). */
    static final long MALFORMED = -2;

    private static final int LENGTH_SHIFT = 12;

    private WsFrames() {
    }

    /** A final, masked frame from the client carrying {@code payload}. */
    static ByteBuf clientFrame(ByteBufAllocator alloc, int opcode, byte[] payload, int maskKey) {
        int length = payload.length;
        int headerLength = 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
        ByteBuf out = alloc.buffer(headerLength + length);
        out.writeByte(0x80 | opcode);
        if (length < 126) {
            out.writeByte(0x80 | length);
        } else if (length <= 0xFFFF) {
            out.writeByte(0x80 | 126);
            out.writeShort(length);
        } else {
            out.writeByte(0x80 | 127);
            out.writeLong(length);
        }
        out.writeInt(maskKey);
        for (int i = 0; i < length; i++) {
            out.writeByte(payload[i] ^ (maskKey >>> (24 - 8 * (i & 3))));
        }
        return out;
    }

    /**
     * Reads the header of the frame at the reader index of {@code in}, without moving it.
     *
     * @return {@link #INCOMPLETE} until the whole frame (header and payload) is readable,
     *         {@link #MALFORMED} for a frame no server may send, else the header packed for
     *         {@link #fin}, {@link #rsv1}, {@link #opcode}, {@link #headerLength} and {@link #payloadLength}
     */
    static long header(ByteBuf in, long maxPayload) {
        int readable = in.readableBytes();
        if (readable < 2) {
            return INCOMPLETE;
        }
        int at = in.readerIndex();
        int b0 = in.getUnsignedByte(at);
        int b1 = in.getUnsignedByte(at + 1);
        if ((b1 & 0x80) != 0 || (b0 & 0x30) != 0) {
            return MALFORMED; // a server never masks; RSV2 and RSV3 belong to no extension we offer
        }
        int headerLength = 2;
        long length = b1 & 0x7F;
        if (length == 126) {
            if (readable < 4) {
                return INCOMPLETE;
            }
            length = in.getUnsignedShort(at + 2);
            headerLength = 4;
        } else if (length == 127) {
            if (readable < 10) {
                return INCOMPLETE;
            }
            length = in.getLong(at + 2);
            headerLength = 10;
        }
        if (length < 0 || length > maxPayload) {
            return MALFORMED;
        }
        if (readable < headerLength + length) {
            return INCOMPLETE;
        }
        return length << LENGTH_SHIFT | (long) headerLength << 8 | (b0 & 0x80) | (b0 & 0x40) | (b0 & 0x0F);
    }

    static boolean fin(long header) {
        return (header & 0x80) != 0;
    }

    /** The per-message-compressed bit (permessage-deflate). */
    static boolean rsv1(long header) {
        return (header & 0x40) != 0;
    }

    static int opcode(long header) {
        return (int) (header & 0x0F);
    }

    static int headerLength(long header) {
        return (int) (header >>> 8 & 0x0F);
    }

    static int payloadLength(long header) {
        return (int) (header >>> LENGTH_SHIFT);
    }

    static int frameLength(long header) {
        return headerLength(header) + payloadLength(header);
    }
}
