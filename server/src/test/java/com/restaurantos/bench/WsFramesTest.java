package com.restaurantos.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class WsFramesTest {
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** A frame as a server sends it: unmasked. */
    static ByteBuf serverFrame(int firstByte, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(firstByte);
        if (payload.length < 126) {
            out.writeByte(payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.writeByte(126).writeShort(payload.length);
        } else {
            out.writeByte(127).writeLong(payload.length);
        }
        return out.writeBytes(payload);
    }

    static byte[] unmaskedPayload(ByteBuf frame) {
        int b1 = frame.getUnsignedByte(1);
        assertThat(b1 & 0x80).as("client frames are masked").isEqualTo(0x80);
        int len = b1 & 0x7F;
        int at = 2;
        if (len == 126) {
            len = frame.getUnsignedShort(2);
            at = 4;
        } else if (len == 127) {
            len = (int) frame.getLong(2);
            at = 10;
        }
        byte[] mask = new byte[4];
        frame.getBytes(at, mask);
        byte[] payload = new byte[len];
        for (int i = 0; i < len; i++) {
            payload[i] = (byte) (frame.getByte(at + 4 + i) ^ mask[i & 3]);
        }
        assertThat(frame.readableBytes()).isEqualTo(at + 4 + len);
        return payload;
    }

    @Test
    void clientFramesAreFinalMaskedAndCarryThePayloadAtEveryLengthEncoding() {
        for (int length : new int[] {0, 1, 125, 126, 65_535, 65_536, 70_000}) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'x');
            ByteBuf frame = WsFrames.clientFrame(ALLOC, WsFrames.TEXT, payload, 0x12345678);
            try {
                assertThat((int) frame.getUnsignedByte(0)).isEqualTo(0x81);
                assertThat(unmaskedPayload(frame)).as("length %d", length).isEqualTo(payload);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void theMaskReallyMasks() {
        byte[] payload = "3".getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = WsFrames.clientFrame(ALLOC, WsFrames.PONG, payload, 0x01020304);
        try {
            assertThat((int) frame.getUnsignedByte(0)).isEqualTo(0x80 | WsFrames.PONG);
            assertThat(frame.getByte(6)).isEqualTo((byte) ('3' ^ 0x01));
            assertThat(unmaskedPayload(frame)).isEqualTo(payload);
        } finally {
            frame.release();
        }
    }

    @Test
    void readsTheHeaderOfServerFramesOfEveryLength() {
        for (int length : new int[] {0, 5, 125, 126, 300, 65_535, 65_536}) {
            ByteBuf frame = serverFrame(0x81, new byte[length]);
            long header = WsFrames.header(frame, 1 << 20);
            assertThat(WsFrames.fin(header)).isTrue();
            assertThat(WsFrames.rsv1(header)).isFalse();
            assertThat(WsFrames.opcode(header)).isEqualTo(WsFrames.TEXT);
            assertThat(WsFrames.payloadLength(header)).as("length %d", length).isEqualTo(length);
            assertThat(WsFrames.frameLength(header)).isEqualTo(frame.readableBytes());
            assertThat(frame.readerIndex()).as("the header is only looked at").isZero();
        }
    }

    @Test
    void readsFinRsv1AndOpcode() {
        long compressedFirstFragment = WsFrames.header(serverFrame(0x40 | WsFrames.TEXT, new byte[3]), 100);
        assertThat(WsFrames.fin(compressedFirstFragment)).isFalse();
        assertThat(WsFrames.rsv1(compressedFirstFragment)).isTrue();
        long ping = WsFrames.header(serverFrame(0x80 | WsFrames.PING, new byte[0]), 100);
        assertThat(WsFrames.opcode(ping)).isEqualTo(WsFrames.PING);
        assertThat(WsFrames.headerLength(ping)).isEqualTo(2);
    }

    @Test
    void waitsForTheWholeFrame() {
        ByteBuf frame = serverFrame(0x81, new byte[300]);
        for (int cut : new int[] {0, 1, 2, 3, 4, 303}) {
            ByteBuf partial = frame.slice(0, cut);
            assertThat(WsFrames.header(partial, 1 << 20)).as("first %d bytes", cut).isEqualTo(WsFrames.INCOMPLETE);
        }
        assertThat(WsFrames.header(frame.slice(0, 304), 1 << 20)).isPositive();
    }

    @Test
    void readsAFrameAtTheReaderIndexOfALargerBuffer() {
        ByteBuf two = Unpooled.buffer().writeBytes(serverFrame(0x81, "2".getBytes(StandardCharsets.US_ASCII)))
                .writeBytes(serverFrame(0x81, "4hello".getBytes(StandardCharsets.US_ASCII)));
        two.skipBytes(WsFrames.frameLength(WsFrames.header(two, 100)));
        long second = WsFrames.header(two, 100);
        assertThat(WsFrames.payloadLength(second)).isEqualTo(6);
        assertThat(two.toString(two.readerIndex() + WsFrames.headerLength(second), 6, StandardCharsets.US_ASCII))
                .isEqualTo("4hello");
    }

    @Test
    void refusesWhatNoServerMaySend() {
        ByteBuf masked = Unpooled.buffer().writeByte(0x81).writeByte(0x80 | 1).writeInt(0).writeByte('x');
        assertThat(WsFrames.header(masked, 100)).isEqualTo(WsFrames.MALFORMED);
        assertThat(WsFrames.header(serverFrame(0x81 | 0x20, new byte[1]), 100)).as("RSV2").isEqualTo(WsFrames.MALFORMED);
        assertThat(WsFrames.header(serverFrame(0x81, new byte[200]), 100)).as("too large").isEqualTo(WsFrames.MALFORMED);
    }
}
