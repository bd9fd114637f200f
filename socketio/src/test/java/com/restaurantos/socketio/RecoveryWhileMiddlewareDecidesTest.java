package com.restaurantos.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.testing.SioClient;
import com.restaurantos.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A returning client whose connection middlewares take their time (such as a token check on a
 * worker) misses nothing broadcast meanwhile: those events come right after its CONNECT reply.
 */
class RecoveryWhileMiddlewareDecidesTest {
    private final Connections main = new Connections(s -> { });
    private final CompletableFuture<ConnectionMiddleware.Next> held = new CompletableFuture<>();
    private volatile boolean hold;
    private TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void replaysWhatWasBroadcastWhileTheMiddlewareDecided() throws Exception {
        server = TestServer.socketIo(Connections.options()
                .withRecovery(new SocketIoOptions.Recovery(Duration.ofSeconds(30), false, 1_000)), io -> io.sockets()
                .use((socket, next) -> {
                    if (hold) {
                        held.complete(next);
                    } else {
                        next.proceed();
                    }
                })
                .onConnection(main));
        Namespace io = server.io().sockets();
        String sid;
        String pid;
        try (SioClient first = SioClient.open(server)) {
            JsonNode reply = first.connect("/", null);
            sid = reply.get("sid").asText();
            pid = reply.get("pid").asText();
            main.next().join("kitchen");
            first.close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> io.socket(sid) == null);

        hold = true;
        try (SioClient back = SioClient.open(server)) {
            back.send("0{\"pid\":\"" + pid + "\"}");
            ConnectionMiddleware.Next next = held.get(5, TimeUnit.SECONDS);
            io.to("kitchen").emit("while-deciding", 1);
            io.emit("to-everybody", 2);
            next.proceed();

            assertThat(back.next()).startsWith("0{\"sid\":\"" + sid + "\"");
            assertThat(List.of(back.next(), back.next()))
                    .extracting(p -> SioClient.json(p.substring(1)).get(0).asText())
                    .containsExactly("while-deciding", "to-everybody");
            io.emit("after");
            assertThat(SioClient.json(back.next().substring(1)).get(0).asText()).isEqualTo("after");
        }
    }
}
