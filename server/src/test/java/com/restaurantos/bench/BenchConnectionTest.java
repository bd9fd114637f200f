package com.restaurantos.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;

/** One simulated client against a scripted server: what it writes for what it reads. */
class BenchConnectionTest {
    private static final String RESTAURANT = "11111111-1111-1111-1111-111111111111";

    private final List<String> heard = new ArrayList<>();
    private final ConnectionListener listener = new ConnectionListener() {
        @Override
        public void ready(BenchConnection connection, long nanos) {
            heard.add("ready");
        }

        @Override
        public void failed(BenchConnection connection, String reason) {
            heard.add("failed: " + reason);
        }

        @Override
        public void closed(BenchConnection connection, String reason) {
            heard.add("closed: " + reason);
        }

        @Override
        public void ping(BenchConnection connection) {
            heard.add("ping");
        }

        @Override
        public void event(BenchConnection connection, byte[] message, int offset, int length, long nanos) {
            heard.add("event " + new String(message, offset, length, StandardCharsets.UTF_8));
        }
    };

    private static ClientConfig config(boolean deflate) {
        return new ClientConfig(URI.create("http://127.0.0.1:3411"), deflate, List.of(RESTAURANT), List.of("t.o.k"),
                5_000);
    }

    private static ByteBuf text(String s) {
        return WsFramesTest.serverFrame(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String written(EmbeddedChannel channel) {
        ByteBuf frame = channel.readOutbound();
        try {
            return new String(WsFramesTest.unmaskedPayload(frame), StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    private static ByteBuf upgraded(String extensions) {
        return Unpooled.copiedBuffer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" + extensions + "\r\n", StandardCharsets.US_ASCII);
    }

    private EmbeddedChannel readyConnection(boolean deflate, String extensions) {
        BenchConnection connection = new BenchConnection(config(deflate), listener, 0);
        EmbeddedChannel channel = new EmbeddedChannel(connection);
        ByteBuf request = channel.readOutbound();
        String upgrade = request.toString(StandardCharsets.US_ASCII);
        request.release();
        assertThat(upgrade).startsWith("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:3411\r\n", "Upgrade: websocket\r\n", "Sec-WebSocket-Version: 13\r\n")
                .endsWith("\r\n\r\n");
        assertThat(upgrade.contains("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
                .isEqualTo(deflate);
        // The response and the open packet in one read, as they often come.
        channel.writeInbound(Unpooled.wrappedBuffer(upgraded(extensions),
                text("0{\"sid\":\"abc\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000}")));
        assertThat(written(channel)).isEqualTo("40{\"token\":\"t.o.k\"}");
        channel.writeInbound(text("40{\"sid\":\"s1\",\"pid\":\"p1\"}"));
        assertThat(written(channel)).isEqualTo("421[\"join:restaurant\",\"" + RESTAURANT + "\"]");
        assertThat(connection.pid()).isEqualTo("p1");
        // Events after the CONNECT reply are passed on before the join's ack: a recovered session gets
        // the ones it missed there.
        channel.writeInbound(text("42[\"connection:status\",{\"state\":\"connected\"}]"));
        channel.writeInbound(text("431[{\"success\":true,\"data\":{\"restaurantId\":\"" + RESTAURANT + "\"}}]"));
        assertThat(heard).containsExactly("event 42[\"connection:status\",{\"state\":\"connected\"}]", "ready");
        heard.clear();
        return channel;
    }

    @Test
    void upgradesConnectsWithItsTokenJoinsAndIsReady() {
        EmbeddedChannel channel = readyConnection(false, "");
        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void answersEveryPingWithAPong() {
        EmbeddedChannel channel = readyConnection(false, "");
        channel.writeInbound(text("2"));
        assertThat(written(channel)).isEqualTo("3");
        assertThat(heard).containsExactly("ping");
    }

    @Test
    void passesOnEventsWhateverTheReadsCutThem() {
        EmbeddedChannel channel = readyConnection(false, "");
        ByteBuf two = Unpooled.wrappedBuffer(text("42[\"order:created\",{\"a\":1}]"), text("42[\"x\",2]"));
        byte[] all = new byte[two.readableBytes()];
        two.readBytes(all);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, 0, 1)));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, 1, 20)));
        assertThat(heard).isEmpty();
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, 20, all.length)));
        assertThat(heard).containsExactly("event 42[\"order:created\",{\"a\":1}]", "event 42[\"x\",2]");
    }

    @Test
    void putsFragmentedMessagesTogether() {
        EmbeddedChannel channel = readyConnection(false, "");
        channel.writeInbound(WsFramesTest.serverFrame(0x01, "42[\"frag".getBytes(StandardCharsets.UTF_8)));
        channel.writeInbound(WsFramesTest.serverFrame(0x80, "mented\"]".getBytes(StandardCharsets.UTF_8)));
        assertThat(heard).containsExactly("event 42[\"fragmented\"]");
    }

    @Test
    void inflatesCompressedMessagesWithAndWithoutContextTakeover() {
        for (String extension : List.of("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                "permessage-deflate")) {
            heard.clear();
            EmbeddedChannel channel = readyConnection(true, "Sec-WebSocket-Extensions: " + extension + "\r\n");
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            for (int i = 0; i < 3; i++) {
                String message = "42[\"order:created\",{\"notes\":\"" + "x".repeat(2000) + i + "\"}]";
                deflater.setInput(message.getBytes(StandardCharsets.UTF_8));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[4096];
                int n;
                while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
                    out.write(chunk, 0, n);
                }
                byte[] compressed = out.toByteArray();
                byte[] withoutTail = Arrays.copyOf(compressed, compressed.length - 4);
                channel.writeInbound(WsFramesTest.serverFrame(0xC1, withoutTail));
                assertThat(heard).last().isEqualTo("event " + message);
                if (extension.contains("server_no_context_takeover")) {
                    deflater.reset();
                }
            }
        }
    }

    @Test
    void aRefusedTokenIsAFailureNotAReadyConnection() {
        BenchConnection connection = new BenchConnection(config(false), listener, 0);
        EmbeddedChannel channel = new EmbeddedChannel(connection);
        ((ByteBuf) channel.readOutbound()).release();
        channel.writeInbound(Unpooled.wrappedBuffer(upgraded(""), text("0{\"sid\":\"abc\"}")));
        ((ByteBuf) channel.readOutbound()).release();
        channel.writeInbound(text("44{\"message\":\"AUTH_FAILED\",\"data\":{\"code\":\"AUTH_FAILED\"}}"));
        assertThat(heard).singleElement().asString().startsWith("failed: connect_error 44{\"message\":\"AUTH_FAILED\"");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRefusedUpgradeIsAFailure() {
        BenchConnection connection = new BenchConnection(config(false), listener, 0);
        EmbeddedChannel channel = new EmbeddedChannel(connection);
        ((ByteBuf) channel.readOutbound()).release();
        channel.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
                StandardCharsets.US_ASCII));
        assertThat(heard).containsExactly("failed: upgrade refused: HTTP/1.1 400 Bad Request");
    }

    @Test
    void aReadyConnectionClosedByTheServerIsCountedAsClosed() {
        EmbeddedChannel channel = readyConnection(false, "");
        channel.writeInbound(WsFramesTest.serverFrame(0x88, new byte[] {0x03, (byte) 0xE8}));
        assertThat(heard).containsExactly("closed: close frame from server");
    }
}
