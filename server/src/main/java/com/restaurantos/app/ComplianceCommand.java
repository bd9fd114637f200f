package com.restaurantos.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * Serves what the official engine.io-protocol and socket.io-protocol test suites expect: a raw
 * Engine.IO echo at {@code /engine.io/} and a Socket.IO echo at {@code /socket.io/}, with the
 * short heartbeat those suites use.
 */
@Command(name = "compliance", mixinStandardHelpOptions = true,
        description = "Serve the endpoints the official Engine.IO and Socket.IO protocol test suites expect.")
final class ComplianceCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "3000", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        ComplianceServer servers = ComplianceServer.create(vertx);
        HttpServer http = HttpEndpoint.listen(vertx, host, port, servers.engine(), servers::handle);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.close().eventually(() -> http.close()).eventually(() -> vertx.close())
                    .onComplete(ar -> stopped.countDown());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
