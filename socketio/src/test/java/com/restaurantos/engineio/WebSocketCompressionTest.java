package com.restaurantos.engineio;

import com.restaurantos.engineio.WebSocketFramesTest.Frame;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over a real connection: a client that offers permessage-deflate gets messages from the threshold on
 * compressed, and smaller ones plain; a client that does not offer it gets everything plain.
 */
class WebSocketCompressionTest {
    private final SessionRecorder sessions = SessionRecorder.recording();

    @Test
    void compressesMessagesFromTheThresholdOnForAClientThatOffersDeflate() throws Exception {
        try (TestServer server = TestServer.engine(EngineOptions.defaults(), sessions);
             Socket socket = new Socket()) {
            DataInputStream in = upgrade(server, socket, "permessage-deflate; client_max_window_bits");
            assertThat(Frame.read(in).rsv1()).as("the open packet is small").isFalse();
            EngineSession session = server.engine().sessions().iterator().next();
            String large = "4" + "order 1042, table 7, 2x margherita; ".repeat(100);

            session.send(EnginePacket.message(large.substring(1)));
            session.send(EnginePacket.message("small"));

            Frame first = Frame.read(in);
            assertThat(first.rsv1()).isTrue();
            assertThat(first.payload().length).isLessThan(large.length() / 4);
            assertThat(new String(first.message(), StandardCharsets.UTF_8)).isEqualTo(large);
            Frame second = Frame.read(in);
            assertThat(second.rsv1()).isFalse();
            assertThat(new String(second.message(), StandardCharsets.UTF_8)).isEqualTo("4small");
        }
    }

    @Test
    void sendsEverythingPlainToAClientThatDoesNotOfferDeflate() throws Exception {
        try (TestServer server = TestServer.engine(EngineOptions.defaults(), sessions);
             Socket socket = new Socket()) {
            DataInputStream in = upgrade(server, socket, null);
            Frame.read(in);
            EngineSession session = server.engine().sessions().iterator().next();
            String large = "x".repeat(5000);

            session.send(EnginePacket.message(large));

            Frame frame = Frame.read(in);
            assertThat(frame.rsv1()).isFalse();
            assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("4" + large);
        }
    }

    private DataInputStream upgrade(TestServer server, Socket socket, String extensions) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("restaurant-os-456".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + server.uri("EIO=4&transport=websocket") + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream raw = socket.getInputStream();
        String headers = readHeaders(raw);
        assertThat(headers).startsWith("HTTP/1.1 101");
        assertThat(headers.toLowerCase().contains("permessage-deflate")).isEqualTo(extensions != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> sessions.count() == 1);
        return new DataInputStream(raw);
    }

    /** Reads the response head byte by byte, so that no frame after it is buffered away. */
    private static String readHeaders(InputStream in) throws IOException {
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
}
