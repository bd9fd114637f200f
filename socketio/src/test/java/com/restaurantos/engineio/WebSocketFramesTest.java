package com.restaurantos.engineio;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames built once per packet are what RFC 6455 and RFC 7692 say, at every length encoding. */
class WebSocketFramesTest {
    /** A frame as a client sees it. */
    record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        static Frame read(DataInputStream in) throws IOException {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            assertThat(second & 0x80).as("server frames are not masked").isZero();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            return new Frame((first & 0x80) != 0, (first & 0x40) != 0, first & 0x0F, payload);
        }

        /** The message: inflated as a permessage-deflate receiver does when RSV1 is set. */
        byte[] message() throws DataFormatException {
            if (!rsv1) {
                return payload;
            }
            java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
            byte[] stream = Arrays.copyOf(payload, payload.length + 4);
            stream[payload.length + 2] = (byte) 0xFF;
            stream[payload.length + 3] = (byte) 0xFF;
            inflater.setInput(stream);
            byte[] out = new byte[1 << 20];
            int n = inflater.inflate(out);
            inflater.end();
            return Arrays.copyOf(out, n);
        }
    }

    private static Frame parse(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Frame frame = Frame.read(in);
        assertThat(in.available()).as("nothing after the frame").isZero();
        return frame;
    }

    private static byte[] text(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' + i % 23);
        }
        return payload;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 125, 126, 127, 65_535, 65_536, 300_000})
    void aPlainFrameCarriesThePayloadWithTheShortestLengthEncoding(int length) throws Exception {
        byte[] payload = text(length);
        byte[] bytes = WebSocketFrames.plain(payload, false);

        Frame frame = parse(bytes);
        assertThat(frame.fin()).isTrue();
        assertThat(frame.rsv1()).isFalse();
        assertThat(frame.opcode()).isEqualTo(1);
        assertThat(frame.payload()).isEqualTo(payload);
        assertThat(bytes.length - length).isEqualTo(length < 126 ? 2 : length <= 65_535 ? 4 : 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 1024, 70_000, 300_000})
    void aDeflatedFrameSetsRsv1AndInflatesToThePayload(int length) throws Exception {
        byte[] payload = text(length);

        Frame frame = parse(WebSocketFrames.deflated(payload, false));

        assertThat(frame.rsv1()).isTrue();
        assertThat(frame.opcode()).isEqualTo(1);
        assertThat(frame.message()).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void binaryPacketsGoInBinaryFrames(boolean deflate) throws Exception {
        EnginePacket packet = EnginePacket.binaryMessage(text(5000));

        Frame frame = parse(packet.webSocketFrame(deflate, 1024));

        assertThat(frame.opcode()).isEqualTo(2);
        assertThat(frame.rsv1()).isEqualTo(deflate);
        assertThat(frame.message()).isEqualTo(packet.binary());
    }

    @ParameterizedTest
    @ValueSource(ints = {1022, 1023, 1024, 1025})
    void aPacketIsCompressedFromTheThresholdOn(int textLength) throws Exception {
        // The frame carries the type digit too: "4" + text.
        EnginePacket packet = EnginePacket.message("é".repeat(textLength / 2) + "x".repeat(textLength % 2));
        int payloadBytes = packet.encodedText().getBytes(StandardCharsets.UTF_8).length;

        Frame frame = parse(packet.webSocketFrame(true, 1024));

        assertThat(frame.rsv1()).isEqualTo(payloadBytes >= 1024);
        assertThat(new String(frame.message(), StandardCharsets.UTF_8)).isEqualTo(packet.encodedText());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aPacketBuildsItsFrameOnceForAllRecipients(boolean deflate) {
        EnginePacket packet = EnginePacket.message("y".repeat(4000));

        assertThat(packet.webSocketFrame(deflate, 1024)).isSameAs(packet.webSocketFrame(deflate, 1024));
    }
}
