package com.restaurantos.socketio.e2e;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the end-to-end tests of {@code e2e/} (Node's test runner with the official
 * {@code socket.io-client}) against {@link TestApplication}. Needs Node.js 20 and
 * {@code npm ci --prefix e2e}; CI does both in {@code .ci/run}.
 */
class OfficialNodeClientTest {
    private static final Duration NODE_RUN_LIMIT = Duration.ofSeconds(120);
    private static final int FAILURE_TAIL_LINES = 150;

    @Test
    void officialNodeClientTestsPassAgainstTheServer() throws Exception {
        Path e2e = repositoryRoot().resolve("e2e");
        assertThat(e2e.resolve("package.json")).as("the e2e package").isRegularFile();
        if (!Files.isDirectory(e2e.resolve("node_modules").resolve("socket.io-client"))) {
            fail("e2e/node_modules is missing: run `npm ci --prefix e2e` at the repository root first "
                    + "(.ci/run does it before `mvn -B verify`)");
        }

        try (ServerLogWatch serverLog = ServerLogWatch.start()) {
            runNodeTests(e2e);
            assertThat(serverLog.problems()).as("warnings and errors the server logged during the run").isEmpty();
        }
    }

    private static void runNodeTests(Path e2e) throws Exception {
        try (TestApplication app = TestApplication.start()) {
            List<String> command = new ArrayList<>(List.of("node", "--test", "--test-reporter=spec"));
            command.addAll(testFiles(e2e));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(e2e.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("E2E_URL", app.url());
            builder.environment().put("NO_COLOR", "1");
            Process node;
            try {
                node = builder.start();
            } catch (IOException e) {
                throw new AssertionError("cannot run `node` (Node.js 20 must be on the PATH): " + e.getMessage(), e);
            }
            Deque<String> tail = new ArrayDeque<>();
            Thread pump = new Thread(() -> pump(node, tail), "node-output");
            pump.setDaemon(true);
            pump.start();

            if (!node.waitFor(NODE_RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
                pump.join(5_000);
                fail("node --test did not finish within %s; last output:%n%s", NODE_RUN_LIMIT, lines(tail));
            }
            pump.join(5_000);
            assertThat(node.exitValue())
                    .as("exit code of `node --test` in %s against %s; last output:%n%s", e2e, app.url(), lines(tail))
                    .isZero();
        }
    }

    /**
     * The files under {@code e2e/test} named {@code *.test.js}, as the npm script's
     * {@code test/*.test.js} selects them; named explicitly because Node's own discovery differs
     * between versions and would also pick up other test-looking files elsewhere in {@code e2e/}.
     */
    private static List<String> testFiles(Path e2e) throws IOException {
        try (Stream<Path> files = Files.list(e2e.resolve("test"))) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".test.js"))
                    .sorted()
                    .map(name -> "test/" + name)
                    .toList();
            assertThat(names).as("test files in %s", e2e.resolve("test")).isNotEmpty();
            return names;
        }
    }

    /** Copies the runner's output into the test log line by line, keeping the last lines for a failure message. */
    private static void pump(Process node, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println("[node] " + line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > FAILURE_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("[node] output stopped: " + e.getMessage());
        }
    }

    private static String lines(Deque<String> tail) {
        synchronized (tail) {
            return String.join(System.lineSeparator(), tail);
        }
    }

    /** The module's parent: Surefire runs in the module directory ({@code basedir}). */
    private static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize().getParent();
    }
}
