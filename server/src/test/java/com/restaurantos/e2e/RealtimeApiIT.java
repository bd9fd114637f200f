package com.restaurantos.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The acceptance tests of the real-time API ({@code e2e/app/*.spec.mjs}: Node's test runner with
 * the official {@code socket.io-client}) against the packaged jar, started by the tests as a real
 * server process. Runs after {@code package}, as an integration test.
 */
class RealtimeApiIT {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    @Test
    void theRealtimeApiBehavesAsTheContractSays() throws Exception {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
        Path e2e = root.resolve("e2e");
        Path jar = Path.of(System.getProperty("server.jar", root.resolve("server/target/restaurant-os-realtime.jar").toString()));
        assertThat(jar).as("the packaged server").isRegularFile();
        if (!Files.isDirectory(e2e.resolve("node_modules").resolve("socket.io-client"))) {
            fail("e2e/node_modules is missing: run `npm ci --prefix e2e` at the repository root first");
        }
        // Kept in a file: a forked test JVM's own output channel must not be written to by a child.
        Path log = root.resolve("server/target/realtime-acceptance.log");
        ProcessBuilder builder = new ProcessBuilder("node", "--test", "--test-reporter=spec",
                "--test-concurrency=1", "app/realtime.spec.mjs")
                .directory(e2e.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SERVER_JAR", jar.toString());
        builder.environment().put("NO_COLOR", "1");
        Process node;
        try {
            node = builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run `node` (Node.js 20 must be on the PATH): " + e.getMessage(), e);
        }
        if (!node.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail("the real-time acceptance tests did not finish within %s", LIMIT);
        }
        assertThat(node.exitValue()).as("exit code of the Node acceptance tests; their output:%n%s",
                Files.readString(log)).isZero();
    }
}
