package com.restaurantos.app;

import com.restaurantos.socketio.SocketIoOptions;
import com.restaurantos.socketio.SocketIoServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the server with the settings of the environment (contract section 1). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server. Settings come from the environment: PORT, HOST, CORS_ORIGINS.")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        Vertx vertx = Vertx.vertx();
        SocketIoOptions options = SocketIoOptions.defaults()
                .withEngine(SocketIoOptions.defaults().engine().withAllowedOrigins(config.corsOrigins()));
        SocketIoServer io = new SocketIoServer(vertx, options);
        HttpServer http = HttpEndpoint.listen(vertx, config.host(), config.port(), io.engine(), request -> {
            if (!io.handle(request)) {
                request.response().setStatusCode(404).end();
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            http.close().eventually(io::close).eventually(vertx::close).onComplete(ar -> stopped.countDown());
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
