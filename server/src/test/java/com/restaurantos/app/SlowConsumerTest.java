package com.restaurantos.app;

import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.engineio.EngineSession;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.testing.RawSocketIo;
import com.restaurantos.testing.Rest;
import com.restaurantos.testing.Screens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A screen that stops reading (its TCP window closes, the server's writes back up) cannot make the server hold
 * more than the configured outbound limit for it: it is disconnected with "outbound buffer full", its session is
 * gone, and meanwhile the other screens (official Java clients) get every order as fast as before.
 */
class SlowConsumerTest {
    private static final String SECRET = "slow-consumer-secret-of-enough-bytes!!";
    private static final UUID RESTAURANT = UUID.fromString("55555555-5555-5555-5555-555555555555");
    private static final int MAX_PACKETS = 500;
    private static final int MAX_BYTES = 256 * 1024;
    private static final int OTHERS = 5;

    private static String token() {
        return new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC())
                .mint("slow-consumer", "manager", RESTAURANT, List.of(), List.of(), Duration.ofHours(1));
    }

    /** An order of some 50 KB on the wire: 64 items with long names and instructions. */
    private static JsonObject bigOrder(int n) {
        JsonArray items = new JsonArray();
        for (int i = 0; i < 64; i++) {
            items.add(new JsonObject().put("name", "item " + i + " " + "x".repeat(150)).put("quantity", 1)
                    .put("price", 3.5).put("special_instructions", "y".repeat(600)).put("station", "kitchen"));
        }
        return new JsonObject().put("type", "dine-in").put("table_number", "T" + n).put("customer_name", "big " + n)
                .put("notes", "z".repeat(1000)).put("items", items);
    }

    /**
     * Creates orders one by one until the condition holds (or the limit); returns, by order id, when its creation
     * was answered. The server publishes an order before it answers, so a screen that keeps pace has it by then or
     * a moment later; the database's own time is left out.
     */
    private static Map<String, Long> createUntil(Rest rest, int limit, java.util.function.BooleanSupplier done,
                                                 AtomicInteger counter) {
        Map<String, Long> answered = new ConcurrentHashMap<>();
        while (answered.size() < limit && !done.getAsBoolean()) {
            String id = rest.ok("POST", "/orders", bigOrder(counter.incrementAndGet())).getString("id");
            answered.put(id, System.nanoTime());
        }
        return answered;
    }

    /** Milliseconds from each order's creation being answered to its arrival at every other screen (0 if before). */
    private static List<Long> latencies(Map<String, Long> sent, List<Screens.Screen> others,
                                        Map<Screens.Screen, Map<String, Long>> arrivals) {
        await().atMost(Duration.ofSeconds(20)).until(() -> others.stream()
                .allMatch(o -> arrivals.get(o).keySet().containsAll(sent.keySet())));
        List<Long> all = new ArrayList<>();
        for (Screens.Screen other : others) {
            for (Map.Entry<String, Long> order : sent.entrySet()) {
                all.add(Math.max(0, arrivals.get(other).get(order.getKey()) - order.getValue()) / 1_000_000);
            }
        }
        all.sort(null);
        return all;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    @Test
    void disconnectsAScreenThatStopsReadingWhileTheOthersKeepTheirPace(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0", "JWT_SECRET", SECRET,
                "DATA_DIR", dir.toString(), "REST_RATE_LIMIT_PER_SECOND", "0",
                "OUTBOUND_MAX_PACKETS", String.valueOf(MAX_PACKETS), "OUTBOUND_MAX_BYTES", String.valueOf(MAX_BYTES)));
        Application app = Application.start(config, Clock.systemUTC(),
                DatabaseSettings.inMemory("slow-" + UUID.randomUUID()));
        Map<String, String> serverSideReasons = new ConcurrentHashMap<>();
        app.io().sockets().onConnection(s -> s.onDisconnect(reason -> serverSideReasons.put(s.id(), reason)));
        String url = "http://127.0.0.1:" + app.port();
        Rest rest = new Rest(url, token());
        List<Screens.Screen> others = new ArrayList<>();
        Map<Screens.Screen, Map<String, Long>> arrivals = new ConcurrentHashMap<>();
        try (RawSocketIo slow = RawSocketIo.connect(app.port(), token(), 4096)) {
            slow.join(RESTAURANT.toString());
            for (int i = 0; i < OTHERS; i++) {
                Screens.Screen other = Screens.connect(url, token(), false);
                Map<String, Long> seen = new ConcurrentHashMap<>();
                arrivals.put(other, seen);
                other.socket.on("order:created", args -> seen.put(((org.json.JSONObject) args[0]).optString("id"),
                        System.nanoTime()));
                others.add(other.join(RESTAURANT.toString()));
            }
            EngineSession slowSession = app.io().engine().sessions().stream()
                    .filter(s -> s.id().equals(slow.sid())).findFirst().orElseThrow();
            AtomicInteger counter = new AtomicInteger();

            latencies(createUntil(rest, 20, () -> false, counter), others, arrivals); // warm-up, not measured
            List<Long> before = latencies(createUntil(rest, 30, () -> false, counter), others, arrivals);

            slow.ws().stall();
            int[] mostQueued = {0};
            Map<String, Long> duringStall = createUntil(rest, 2_000, () -> {
                mostQueued[0] = Math.max(mostQueued[0], slowSession.queuedPackets());
                return !slowSession.isOpen();
            }, counter);
            List<Long> during = latencies(duringStall, others, arrivals);

            assertThat(slowSession.isOpen()).as("the stalled screen's session was closed").isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> serverSideReasons.size() == 1);
            assertThat(serverSideReasons.values()).as("why").containsExactly("outbound buffer full");
            assertThat(mostQueued[0]).as("packets queued for the stalled screen").isLessThanOrEqualTo(MAX_PACKETS);
            await().atMost(Duration.ofSeconds(5)).until(() -> sessionsOf(app).size() == OTHERS);
            assertThat(sessionsOf(app)).extracting(EngineSession::id).doesNotContain(slow.sid());
            assertThat(others).allSatisfy(o -> assertThat(o.socket.connected()).isTrue());
            // The median: the tail of five Java clients each parsing 50 KB messages on a busy machine is noise.
            long p50Before = percentile(before, 50);
            long p50During = percentile(during, 50);
            assertThat(p50During).as("median delivery to the other screens while one stalls, ms (before: %d)",
                    p50Before).isLessThanOrEqualTo(Math.max(100, 3 * p50Before));
            System.out.printf("# slow consumer: one screen stopped reading; after %d orders of ~50 KB (at most %d"
                            + " packets queued for it, limit %d packets / %d bytes) it was disconnected with 'outbound"
                            + " buffer full' and its session removed; %d other screens got all %d orders, delivery ms after"
                            + " the REST answer p50/p95/max before %d/%d/%d, during %d/%d/%d%n", duringStall.size(), mostQueued[0],
                    MAX_PACKETS, MAX_BYTES, OTHERS, counter.get(), p50Before, percentile(before, 95),
                    before.get(before.size() - 1), p50During, percentile(during, 95), during.get(during.size() - 1));
        } finally {
            others.forEach(o -> o.socket.close());
            app.stop(Duration.ofSeconds(8));
        }
    }

    private static Collection<EngineSession> sessionsOf(Application app) {
        return app.io().engine().sessions();
    }
}
