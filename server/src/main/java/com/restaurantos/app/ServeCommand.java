package com.restaurantos.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs the server with the settings of the environment (contract section 1). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server. Settings come from the environment: PORT, HOST, CORS_ORIGINS, DATABASE_URL,"
                + " JWT_SECRET, JWT_PUBLIC_KEY, JWT_JWKS_URL, TAX_RATE, RESTAURANT_TIMEZONE, …")
final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    /** The environment; tests give their own. */
    java.util.Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = AppConfig.fromEnvironment(env);
        Application app = Application.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down");
            // Within 8 s, so that the process is gone within 10 s of SIGTERM.
            app.stop(Duration.ofSeconds(8));
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
