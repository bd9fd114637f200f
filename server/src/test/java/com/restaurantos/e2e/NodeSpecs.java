package com.restaurantos.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs specs of {@code e2e/app} with Node's test runner and the official {@code socket.io-client} against the
 * packaged jar (each spec starts it as a real server process), and fails unless they all pass in time.
 */
final class NodeSpecs {
    private NodeSpecs() {
    }

    /** {@code what} names the specs in failure messages; {@code specs} are paths below {@code e2e}. */
    static void run(String what, Duration limit, String... specs) throws Exception {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
        Path e2e = root.resolve("e2e");
        Path jar = Path.of(System.getProperty("server.jar", root.resolve("server/target/restaurant-os-realtime.jar").toString()));
        assertThat(jar).as("the packaged server").isRegularFile();
        if (!Files.isDirectory(e2e.resolve("node_modules").resolve("socket.io-client"))) {
            fail("e2e/node_modules is missing: run `npm ci --prefix e2e` at the repository root first");
        }
        List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec", "--test-concurrency=1"));
        command.addAll(List.of(specs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(e2e.toFile()).redirectErrorStream(true);
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
        if (!node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            fail("the %s did not finish within %s", what, limit);
        }
        pump.join(5_000);
        assertThat(node.exitValue()).as("exit code of the Node %s (their output is above)", what).isZero();
    }
}
