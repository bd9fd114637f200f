package com.restaurantos.engineio;

import com.restaurantos.testing.Http;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import com.restaurantos.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

/** HTTP long-polling: held GETs, POSTed payloads, and the ways a polling session ends. */
class PollingTransportTest {
    private static final String RS = "\u001e";

    private final SessionRecorder sessions = SessionRecorder.echoing();
    private final Http http = new Http();
    private TestServer server;
    private String sid;
    private String url;

    @BeforeEach
    void start() {
        // A short ping timeout only shortens how long a closed session waits for its last poll.
        server = TestServer.engine(EngineOptions.defaults()
                .withHeartbeat(Duration.ofSeconds(25), Duration.ofMillis(300)), sessions);
        sid = http.handshake(server);
        url = server.url("EIO=4&transport=polling&sid=" + sid);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertStaysPending(CompletableFuture<?> request) {
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !request.isDone());
    }

    @Test
    void holdsAGetUntilThereIsSomethingToSend() throws Exception {
        CompletableFuture<Http.Response> get = http.getAsync(url);
        assertStaysPending(get);

        sessions.session(sid).send(EnginePacket.message("order 42 ready"));

        Http.Response response = get.get(5, SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(response.body()).isEqualTo("4order 42 ready");
    }

    @Test
    void answersAPostWithOkAndHandsEachMessageOverInOrder() {
        Http.Response response = http.post(url, "4test1" + RS + "4test2" + RS + "4test3");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        SessionRecorder.Recorded recorded = sessions.get(sid);
        assertThat(List.of(recorded.nextMessage(), recorded.nextMessage(), recorded.nextMessage()))
                .extracting(EnginePacket::text).containsExactly("test1", "test2", "test3");
    }

    @Test
    void returnsEverythingQueuedInOneGetJoinedByTheRecordSeparator() {
        http.post(url, "4test1" + RS + "4test2" + RS + "4test3");

        assertThat(http.get(url).body()).isEqualTo("4test1" + RS + "4test2" + RS + "4test3");
    }

    @Test
    void carriesBinaryMessagesAsBase64BothWays() {
        http.post(url, "4hello" + RS + "bAQIDBA==");

        SessionRecorder.Recorded recorded = sessions.get(sid);
        assertThat(recorded.nextMessage()).isEqualTo(EnginePacket.message("hello"));
        assertThat(recorded.nextMessage().binary()).containsExactly(1, 2, 3, 4);
        assertThat(http.get(url).body()).isEqualTo("4hello" + RS + "bAQIDBA==");
    }

    @Test
    void carriesUtf8TextUnchanged() {
        http.post(url, "4Crème brûlée · 🍮 · 5€");

        assertThat(sessions.get(sid).nextMessage().text()).isEqualTo("Crème brûlée · 🍮 · 5€");
        assertThat(http.get(url).body()).isEqualTo("4Crème brûlée · 🍮 · 5€");
    }

    @Test
    void aSecondConcurrentGetClosesTheSession() throws Exception {
        CompletableFuture<Http.Response> first = http.getAsync(url);
        assertStaysPending(first);

        Http.Response second = http.get(url + "&t=burst");

        assertThat(second.status()).isEqualTo(400);
        Http.Response firstResponse = first.get(5, SECONDS);
        assertThat(firstResponse.status()).isEqualTo(200);
        assertThat(firstResponse.body()).isEqualTo("1");
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void closesTheSessionUponAnInvalidPayload() {
        Http.Response response = http.post(url, "abc");

        assertThat(response.status()).isEqualTo(400);
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("parse error");
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void closesTheSessionWhenAPayloadHasInvalidBase64AfterValidPackets() {
        Http.Response response = http.post(url, "4first" + RS + "b%%%");

        assertThat(response.status()).isEqualTo(400);
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("parse error");
        assertThat(sessions.get(sid).messages).as("nothing of a refused payload is handed over").isEmpty();
    }

    @Test
    void answersTheWaitingGetWithNoopWhenTheClientCloses() throws Exception {
        CompletableFuture<Http.Response> get = http.getAsync(url);
        assertStaysPending(get);

        assertThat(http.post(url, "1").body()).isEqualTo("ok");

        assertThat(get.get(5, SECONDS).body()).isEqualTo("6");
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport close");
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void answersTheNextGetWithNoopWhenTheClientClosedWhileNoneWaited() {
        assertThat(http.post(url, "1").body()).isEqualTo("ok");
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport close");

        assertThat(http.get(url).body()).isEqualTo("6");
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void ignoresPacketsAfterACloseInTheSamePayload() {
        http.post(url, "4before" + RS + "1" + RS + "4after");

        SessionRecorder.Recorded recorded = sessions.get(sid);
        assertThat(recorded.awaitClose()).isEqualTo("transport close");
        assertThat(recorded.messages).extracting(EnginePacket::text).containsExactly("before");
    }

    @Test
    void sendsWhatIsQueuedThenCloseWhenTheServerClosesTheSession() throws Exception {
        CompletableFuture<Http.Response> get = http.getAsync(url);
        assertStaysPending(get);
        EngineSession session = sessions.session(sid);

        // Both run on the session's event loop in one go, so the GET sees the message and the close together.
        session.exec(() -> {
            session.send(EnginePacket.message("bye"));
            session.close();
        });

        assertThat(get.get(5, SECONDS).body()).isEqualTo("4bye" + RS + "1");
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("forced close");
        assertThat(session.isOpen()).isFalse();
        assertThat(session.send(EnginePacket.message("too late"))).isFalse();
    }

    @Test
    void givesTheNextGetTheQueueAndCloseWhenTheServerClosedWhileNoneWaited() {
        EngineSession session = sessions.session(sid);
        session.send(EnginePacket.message("bye"));
        session.close();
        assertThat(sessions.get(sid).awaitClose()).isEqualTo("forced close");

        assertThat(http.get(url).body()).isEqualTo("4bye" + RS + "1");
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void closesTheSessionWhenTheClientAbortsTheWaitingGet() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            int before = server.handledRequests();
            socket.getOutputStream().write(("GET " + server.uri("EIO=4&transport=polling&sid=" + sid)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.handledRequests() > before);
            TestServer.drain(sessions.session(sid));
        }

        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void aSecondConcurrentPostIsRefusedAndClosesTheSession() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", server.port())) {
            int before = server.handledRequests();
            // A POST whose body has not all arrived yet.
            slow.getOutputStream().write(("POST " + server.uri("EIO=4&transport=polling&sid=" + sid)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n4ab").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.handledRequests() > before);

            assertThat(http.post(url, "4second").status()).isEqualTo(400);
        }

        assertThat(sessions.get(sid).awaitClose()).isEqualTo("transport error");
        assertThat(sessions.get(sid).messages).isEmpty();
        assertThat(http.get(url).status()).isEqualTo(400);
    }

    @Test
    void acceptsPostsOneAfterTheOther() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.post(url, "4ticket " + i).status()).isEqualTo(200);
        }

        for (int i = 0; i < 5; i++) {
            assertThat(sessions.get(sid).nextMessage().text()).isEqualTo("ticket " + i);
        }
        assertThat(sessions.session(sid).isOpen()).isTrue();
    }

    @Test
    void refusesPollingForAWebSocketSession() {
        try (WsClient ws = WsClient.connect(server, "EIO=4&transport=websocket")) {
            String wsSid = SioClient.json(ws.nextText().substring(1)).get("sid").asText();
            String wsUrl = server.url("EIO=4&transport=polling&sid=" + wsSid);

            assertThat(http.get(wsUrl).status()).isEqualTo(400);
            assertThat(http.post(wsUrl, "4x").status()).isEqualTo(400);
            assertThat(sessions.session(wsSid).isOpen()).isTrue();
        }
    }

    @Test
    void acceptsKeepAliveRequestsInARowOnOneConnection() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.post(url, "4n" + i).body()).isEqualTo("ok");
            assertThat(http.get(url).body()).isEqualTo("4n" + i);
        }
    }
}
