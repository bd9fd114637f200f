package com.restaurantos.e2e;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Reconnections with the official {@code socket.io-client}, against the packaged jar started as a real process
 * by each spec ({@code e2e/app/missed-events.spec.mjs}: connection state recovery of restaurant and station
 * events under traffic, and the state after the recovery window; {@code e2e/app/token-expiry.spec.mjs}: a socket
 * ends at its token's expiry and comes back with a fresh token; {@code e2e/app/shutdown.spec.mjs}: on SIGTERM the
 * sockets are closed and reconnect by themselves once the server is back). Their counts are printed as {@code # }
 * lines.
 */
class ReconnectionIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @Test
    void clientsThatLoseTheirConnectionOrTheirTokenComeBackWithoutLosingAnything() throws Exception {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
        Path e2e = root.resolve("e2e");
        Path jar = Path.of(System.getProperty("server.jar", root.resolve("server/target/restaurant-os-realtime.jar").toString()));
        assertThat(jar).as("the packaged server").isRegularFile();
        if (!Files.isDirectory(e2e.resolve("node_modules").resolve("socket.io-client"))) {
            fail("e2e/node_modules is missing: run `npm ci --prefix e2e` at the repository root first");
        }
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-reporter=spec",
                "--test-concurrency=1", "app/missed-events.spec.mjs", "app/token-expiry.spec.mjs", "app/shutdown.spec.mjs")
                .directory(e2e.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SERVER_JAR", jar.toString());
        builder.environment().put("NO_COLOR", "1");
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `node` (Node.js 20 must be on the PATH): " + e.getMessage(), e);
        }
        // Through System.out, not inheritIO: a forked test JVM's own stdout is the channel to Maven.
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
                    StandardCharsets.UTF_8))) {
                out.lines().forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("(output of node lost: " + e + ")");
            }
        }, "node-output");
        pump.setDaemon(true);
        pump.start();
        if (!node.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail("the reconnection tests did not finish within %s", LIMIT);
        }
        pump.join(5_000);
        assertThat(node.exitValue()).as("exit code of the Node reconnection tests (their output is above)").isZero();
    }
}
