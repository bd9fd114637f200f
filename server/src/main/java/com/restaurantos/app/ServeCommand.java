package com.restaurantos.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the server with the settings of the environment (contract section 1). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server. Settings come from the environment: PORT, HOST, CORS_ORIGINS, DATABASE_URL,"
                + " JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL, TAX_RATE, RESTAURANT_TIMEZONE, …")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        Application app = Application.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            app.stop().onComplete(ar -> stopped.countDown());
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
