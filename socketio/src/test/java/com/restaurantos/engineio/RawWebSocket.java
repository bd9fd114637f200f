package com.restaurantos.engineio;

import com.restaurantos.engineio.WebSocketFramesTest.Frame;
import com.restaurantos.testing.TestServer;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client written byte by byte, for what the official clients never send: fragments, control
 * frames, invalid text, compressed frames of our own making, other protocol versions.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CONTINUATION = 0x0;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;
    /** The response head of the handshake. */
    final String head;

    private RawWebSocket(TestServer server, String query, String extraHeaders) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout((int) TestServer.TIMEOUT.toMillis());
        out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("restaurant-os-456".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + server.uri(query) + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream raw = socket.getInputStream();
        head = readHead(raw);
        in = new DataInputStream(raw);
    }

    /** Sends the handshake, version 13 unless the extra headers say otherwise, and reads the response head. */
    static RawWebSocket open(TestServer server, String extensions) throws IOException {
        return new RawWebSocket(server, "EIO=4&transport=websocket", "Sec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n"));
    }

    /** Sends a handshake with exactly these extra header lines (each ending with CRLF). */
    static RawWebSocket openWithHeaders(TestServer server, String extraHeaders) throws IOException {
        return new RawWebSocket(server, "EIO=4&transport=websocket", extraHeaders);
    }

    Frame read() throws IOException {
        return Frame.read(in);
    }

    /** Sends one masked frame, as a client must. */
    void send(boolean fin, boolean rsv1, int opcode, byte[] payload) throws IOException {
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        out.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(masked);
        out.flush();
    }

    void sendText(String text) throws IOException {
        send(true, false, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads until the server closes the connection; true if it did within the test timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // What came before the end does not matter here.
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /** The status code a close frame carries. */
    static int closeStatus(Frame close) {
        return ((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF);
    }

    /** Reads the response head byte by byte, so that no frame after it is buffered away. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
