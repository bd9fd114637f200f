package com.restaurantos.socketio;

import static org.awaitility.Awaitility.await;
import java.time.Duration;
import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Socket.IO packets carried by HTTP long-polling, binary attachments as base64 records. */
class SocketIoOverPollingTest {
    private static final String RS = "\u001e";

    private final Http http = new Http();
    private TestServer server;
    private String url;

    @BeforeEach
    void start() {
        server = TestServer.socketIo(Connections.options(), io -> io.sockets().onConnection(socket -> {
            socket.emit("auth", socket.auth());
            socket.on("message", e -> socket.emit("message-back", e.args().toArray()));
            socket.on("message-with-ack", e -> e.ack().send(e.args().toArray()));
        }));
        url = server.url("EIO=4&transport=polling&sid=" + http.handshake(server));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String connect() {
        assertThat(http.post(url, "40{\"token\":\"123\"}").body()).isEqualTo("ok");
        String[] packets = http.get(url).body().split(RS);
        assertThat(packets).hasSize(2);
        assertThat(packets[1]).isEqualTo("42[\"auth\",{\"token\":\"123\"}]");
        return SioClient.json(packets[0].substring(2)).get("sid").asText();
    }

    @Test
    void joinsAndExchangesEventsOverPolling() {
        String sid = connect();

        http.post(url, "42[\"message\",1,\"2\",{\"3\":[true]}]" + RS + "42123[\"message-with-ack\",\"x\"]");

        assertThat(http.get(url).body()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]" + RS + "43123[\"x\"]");
        assertThat(server.io().sockets().socket(sid).transport()).isEqualTo("polling");
    }

    @Test
    void carriesBinaryEventsAsBase64AttachmentRecords() {
        connect();

        http.post(url, "451-[\"message\",{\"_placeholder\":true,\"num\":0}]" + RS + "bAQIDBA==");

        assertThat(http.get(url).body())
                .isEqualTo("451-[\"message-back\",{\"_placeholder\":true,\"num\":0}]" + RS + "bAQIDBA==");
    }

    @Test
    void acceptsABinaryEventWhoseAttachmentsComeInALaterPost() {
        connect();

        http.post(url, "452-7[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"
                + RS + "bAQ==");
        http.post(url, "bAg==");

        assertThat(http.get(url).body()).isEqualTo(
                "462-7[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]" + RS + "bAQ==" + RS + "bAg==");
    }

    @Test
    void closesTheSessionUponAnInvalidSocketIoPacket() {
        connect();

        assertThat(http.post(url, "42{}").body()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> server.engine().sessions().isEmpty());
        assertThat(http.get(url).status()).isEqualTo(400);
    }
}
