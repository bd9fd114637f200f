package com.restaurantos.e2e;

import com.restaurantos.testing.OrderTraffic;
import com.restaurantos.testing.RawSocketIo;
import com.restaurantos.testing.Rest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real server process with connected sockets and writes streaming in: it exits within 10 s, every
 * socket gets a clean close, no write is refused or half-done, nothing is logged as an error, and after a restart
 * every acknowledged write is there. (That the official client reconnects by itself when the server is back is
 * checked by {@code e2e/app/shutdown.spec.mjs}.)
 */
class ShutdownIT {
    private static final int SCREENS = 10;
    private static final Pattern TOLD = Pattern.compile("stopping: new connections refused, (\\d+) connections told"
            + " 'server shutting down'");
    private static final Pattern STOPPED = Pattern.compile("stopped in (\\d+) ms");

    @Test
    void exitsWithin10SecondsOnSigtermLosingNothing(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString());
        int port = ServerProcess.freePort();
        OrderTraffic traffic = new OrderTraffic("term", 6);
        List<RawSocketIo> screens = new ArrayList<>();
        Duration exitedAfter;
        List<String> output;
        try (ServerProcess server = ServerProcess.start(port, dir, env)) {
            for (int i = 0; i < SCREENS; i++) {
                screens.add(RawSocketIo.connect(port, DurabilityIT.token()).join(DurabilityIT.RESTAURANT.toString()));
            }
            traffic.start(new Rest(server.url(), DurabilityIT.token()));
            traffic.awaitAcknowledged(150, 60_000);

            exitedAfter = server.terminate(Duration.ofSeconds(15));
            output = server.outputLines();
            assertThat(exitedAfter).as("the process ended within 15 s of SIGTERM:\n" + server.output()).isNotNull();
            assertThat(server.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
        }
        OrderTraffic.Counts counts = traffic.stop();
        try {
            assertThat(exitedAfter).as("time from SIGTERM to exit").isLessThan(Duration.ofSeconds(10));
            assertThat(traffic.refused()).as("writes answered with an error while the server stopped").isEmpty();
            for (RawSocketIo screen : screens) {
                assertThat(screen.ws().closed().get(2, TimeUnit.SECONDS)).as("a clean WebSocket close").isEqualTo(1000);
            }
            List<String> afterSignal = output.subList(indexOf(output, "shutting down"), output.size());
            assertThat(afterSignal).as("what the server logged while stopping")
                    .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
            Matcher told = TOLD.matcher(String.join("\n", afterSignal));
            assertThat(told.find()).as("the stop says how many connections it told:\n" + afterSignal).isTrue();
            assertThat(Integer.parseInt(told.group(1))).isGreaterThanOrEqualTo(SCREENS);
            Matcher stopped = STOPPED.matcher(String.join("\n", afterSignal));
            assertThat(stopped.find()).as("the stop finished:\n" + afterSignal).isTrue();
        } finally {
            screens.forEach(RawSocketIo::close);
        }

        try (ServerProcess restarted = ServerProcess.start(port, dir, env)) {
            OrderTraffic.Verified verified = traffic.verify(new Rest(restarted.url(), DurabilityIT.token()));

            // A request without an answer is one the stopping server never took (a connection refused, or an
            // idle keep-alive connection it closed): none of them was applied.
            assertThat(verified.inFlightApplied()).as("writes applied but never answered").isZero();
            System.out.printf("# SIGTERM: exited after %d ms with %d sockets connected and 6 terminals writing;"
                            + " %d writes acknowledged, none refused, %d never taken (and not applied); after the"
                            + " restart %d orders and %d history entries checked%n", exitedAfter.toMillis(), SCREENS,
                    counts.acknowledged(), counts.unanswered(), verified.orders(), verified.historyEntries());
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("the server never logged '" + text + "':\n" + String.join("\n", lines));
    }
}
