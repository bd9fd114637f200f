package com.restaurantos.app;

import com.restaurantos.engineio.EngineOptions;
import com.restaurantos.engineio.EngineServer;
import com.restaurantos.engineio.EngineSession;
import com.restaurantos.engineio.EnginePacket;
import com.restaurantos.socketio.Socket;
import com.restaurantos.socketio.SocketIoOptions;
import com.restaurantos.socketio.SocketIoServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.List;

/** The two echo servers of the protocol test suites, as their READMEs describe them. */
final class ComplianceServer {
    static final EngineOptions ENGINE = EngineOptions.defaults()
            .withHeartbeat(Duration.ofMillis(300), Duration.ofMillis(200))
            .withMaxPayload(1_000_000)
            .withAllowedOrigins(List.of("*"));
    private static final long AUTH_DELAY_MILLIS = 20;

    private final EngineServer engine;
    private final SocketIoServer io;

    private ComplianceServer(EngineServer engine, SocketIoServer io) {
        this.engine = engine;
        this.io = io;
    }

    static ComplianceServer create(Vertx vertx) {
        EngineServer engine = new EngineServer(vertx, ENGINE.withPath("/engine.io/"), ComplianceServer::echo);
        SocketIoOptions options = SocketIoOptions.defaults()
                .withEngine(ENGINE.withPath("/socket.io/"))
                .withConnectTimeout(Duration.ofSeconds(1))
                .withRecovery(null);
        SocketIoServer io = new SocketIoServer(vertx, options);
        io.sockets().onConnection(socket -> {
            emitAuthSoon(vertx, socket);
            socket.on("message", event -> socket.emit("message-back", event.args().toArray()));
            socket.on("message-with-ack", event -> event.ack().send(event.args().toArray()));
        });
        io.of("/custom").onConnection(socket -> emitAuthSoon(vertx, socket));
        return new ComplianceServer(engine, io);
    }

    /**
     * The suite's tests attach a listener for the next message only after the previous one
     * arrived, so two frames read together lose the second (socketio/socket.io-protocol issue
     * 32, which fails the reference server too). The "auth" event follows the CONNECT reply a
     * moment later so that the suite sees both.
     */
    private static void emitAuthSoon(Vertx vertx, Socket socket) {
        vertx.setTimer(AUTH_DELAY_MILLIS, t -> socket.emit("auth", socket.auth()));
    }

    private static void echo(EngineSession session) {
        session.listener(new EngineSession.Listener() {
            @Override
            public void onMessage(EnginePacket packet) {
                session.send(packet);
            }

            @Override
            public void onClose(String reason) {
            }
        });
    }

    EngineServer engine() {
        return engine;
    }

    void handle(HttpServerRequest request) {
        if (!engine.handle(request) && !io.handle(request)) {
            request.response().setStatusCode(404).end();
        }
    }

    Future<Void> close() {
        return Future.join(engine.close(), io.close()).mapEmpty();
    }
}
