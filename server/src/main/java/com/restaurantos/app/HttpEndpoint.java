package com.restaurantos.app;

import com.restaurantos.engineio.EngineServer;
import com.restaurantos.http.HttpHygiene;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the one HTTP server of a process and stops it in order on shutdown. Every answer it gives carries the
 * security headers of {@link HttpHygiene}, and a request it cannot parse gets the contract's error shape.
 */
final class HttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);

    private HttpEndpoint() {
    }

    static HttpServer listen(Vertx vertx, String host, int port, EngineServer engine, Handler<HttpServerRequest> handler) {
        HttpServerOptions options = EngineServer.configure(new HttpServerOptions())
                .setHost(host)
                .setPort(port)
                .setTcpNoDelay(true)
                .setMaxHeaderSize(16 * 1024)
                .setMaxInitialLineLength(8 * 1024)
                // A peer that does not answer our close frame within a second is cut off; Vert.x waits 10 s by
                // default. The official Java client never answers one, and a stop would wait for it.
                .setWebSocketClosingTimeout(1);
        HttpServer server = vertx.createHttpServer(options)
                .connectionHandler(engine::onHttpConnection)
                .invalidRequestHandler(HttpHygiene::answerInvalidRequest)
                .requestHandler(request -> {
                    // A WebSocket handshake's answer is the handshake's own; every other answer gets the headers.
                    if (!request.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
                        HttpHygiene.addSecurityHeaders(request.response());
                    }
                    handler.handle(request);
                });
        Future<HttpServer> listening = server.listen();
        try {
            listening.await();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("listening on http://{}:{}", host, server.actualPort());
        return server;
    }
}
