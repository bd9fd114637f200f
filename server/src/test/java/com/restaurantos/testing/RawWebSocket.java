package com.restaurantos.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on a plain TCP socket, for tests that need what a well-behaved client library would not
 * send: any bytes as a text frame (invalid UTF-8), any opcode, frames larger than the server allows, a client
 * that stops reading. Received messages (String for text, byte[] for binary) are queued in order. A close frame
 * from the server is answered, as RFC 6455 asks.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Marks the end of the stream in the queue. */
    private static final Object END = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    /** The close code the server sent (1005 for a close frame without one), or -1 when the TCP stream just ended. */
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final CountDownLatch reading = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /**
     * Opens a WebSocket to this path and query (e.g. {@code /socket.io/?EIO=4&transport=websocket}); fails unless
     * the server switches protocols.
     *
     * @param receiveBuffer the TCP receive buffer, or 0 for the system's; small for a client meant to stall
     * @param read          whether to start reading at once; else nothing is read until {@link #startReading()}
     */
    public static RawWebSocket open(int port, String pathAndQuery, int receiveBuffer, boolean read) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(0);
        RawWebSocket ws = new RawWebSocket(socket);
        String status = ws.handshake(pathAndQuery);
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the server refused the upgrade: " + status);
        }
        Thread reader = new Thread(ws::readLoop, "raw-ws-reader");
        reader.setDaemon(true);
        reader.start();
        if (read) {
            ws.startReading();
        }
        return ws;
    }

    public static RawWebSocket open(int port, String pathAndQuery) throws IOException {
        return open(port, pathAndQuery, 0, true);
    }

    private String handshake(String pathAndQuery) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // The response head, byte by byte so that nothing after it is consumed.
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf('\r'));
    }

    /** Starts reading what the server sends. */
    public void startReading() {
        reading.countDown();
    }

    /** Stops reading from the TCP connection (after the frame being read): what the server sends piles up. */
    public void stall() {
        gate = new CountDownLatch(1);
    }

    /** Reads again after {@link #stall()}. */
    public void resume() {
        gate.countDown();
    }

    private void readLoop() {
        try {
            reading.await();
            ByteArrayOutputStream message = null;
            int messageType = 0;
            while (true) {
                gate.await();
                int b0 = readByte();
                int b1 = readByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0F;
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                if (payload.length < length) {
                    throw new EOFException();
                }
                if (opcode == CLOSE) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    try {
                        sendFrame(CLOSE, payload.length >= 2 ? new byte[]{payload[0], payload[1]} : new byte[0], true);
                    } catch (IOException ignored) {
                        // the server may have closed already
                    }
                    closed.complete(code);
                    socket.close();
                    return;
                } else if (opcode == PING) {
                    sendFrame(0xA, payload, true);
                } else if (opcode == TEXT || opcode == BINARY || opcode == 0) {
                    if (opcode != 0) {
                        message = new ByteArrayOutputStream();
                        messageType = opcode;
                    }
                    if (message != null) {
                        message.write(payload);
                        if (fin) {
                            received.add(messageType == TEXT ? message.toString(StandardCharsets.UTF_8)
                                    : message.toByteArray());
                            message = null;
                        }
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            closed.complete(-1);
        } finally {
            received.add(END);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    /** Sends one masked frame, as a client must. */
    public synchronized void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) (((long) payload.length >>> (8 * i)) & 0xFF));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Bytes straight onto the TCP connection, framed or not. */
    public synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message (String or byte[]), or null if none came within the timeout or the connection ended. */
    public Object next(long timeoutMillis) throws InterruptedException {
        Object message = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (message == END) {
            received.add(END);
            return null;
        }
        return message;
    }

    /** The next text message; fails the test if none comes within the timeout. */
    public String nextText(long timeoutMillis) throws InterruptedException {
        Object message = next(timeoutMillis);
        if (!(message instanceof String text)) {
            throw new AssertionError("expected a text message within " + timeoutMillis + " ms, got "
                    + (message == null ? (isClosed() ? "the end of the connection" : "nothing") : "binary"));
        }
        return text;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Completes with the server's close code (1005: none given), or -1 if the connection ended without a close frame. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        startReading();
        resume();
    }
}
