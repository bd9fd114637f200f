package com.restaurantos.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as a real server process ({@code java -jar restaurant-os-realtime.jar serve}) on a port of
 * its own, with the environment a test gives it. Its output is kept for the test to read and to show on failure.
 */
final class ServerProcess implements AutoCloseable {
    static final String SECRET = "reliability-tests-secret-of-enough-bytes!";

    private final Process process;
    private final int port;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final Thread pump;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("(output lost: " + e + ")");
            }
        }, "server-output-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    static Path jar() {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
        return Path.of(System.getProperty("server.jar", root.resolve("server/target/restaurant-os-realtime.jar")
                .toString()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Starts the server on this port and returns once it answers {@code /health/live}. */
    static ServerProcess start(int port, Path workDir, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar().toString(), "serve")
                .directory(workDir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("JWT_SECRET", SECRET);
        builder.environment().put("REST_RATE_LIMIT_PER_SECOND", "0");
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), port);
        server.awaitLive(Duration.ofSeconds(60));
        return server;
    }

    private void awaitLive(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url() + "/health/live"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("the server did not start within " + timeout + ":\n" + output());
            }
            Thread.sleep(50);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process ends at once, whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the server survived SIGKILL");
        }
        pump.join(5_000);
    }

    /** SIGTERM, then waits for the process to end; returns how long it took, or null if not within the limit. */
    Duration terminate(Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        // SIGTERM through the handle: Process.destroy() would also close our end of its output, losing the
        // lines the server prints while it stops.
        process.toHandle().destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        pump.join(5_000);
        return took;
    }

    int exitValue() {
        return process.exitValue();
    }

    /** What the server printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    List<String> outputLines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
