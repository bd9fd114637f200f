package com.restaurantos.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.socketio.Json;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.testing.RawSocketIo;
import com.restaurantos.testing.RawWebSocket;
import com.restaurantos.testing.Rest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anything anyone can send, over real connections to the wired server: random and mutated Engine.IO and Socket.IO
 * packets, payloads past maxPayload, JSON nested past the limit, huge numbers and strings, invalid UTF-8, binary
 * placeholders that lie, WebSocket protocol violations, floods of CONNECT packets, polling requests with forged
 * sids, overlapping polls, bad polling and REST bodies, oversized HTTP headers. Every case must end in an error
 * reply or a closed connection, or be ignored; after each one the server must still answer on that connection (or
 * have closed it) within 5 s. At the end: no session left, no thread blocked or leaked, no error logged, no
 * restaurant data changed, no INTERNAL error and no 5xx answered. Seeded: {@code -Dfuzz.seed=...} replays a run,
 * {@code -Dfuzz.cases=...} sets the number of generated WebSocket cases. Prints what was tried, by category.
 */
class HostileInputTest {
    private static final String SECRET = "hostile-input-secret-of-enough-bytes!!";
    private static final UUID RESTAURANT = UUID.fromString("66666666-6666-6666-6666-666666666666");
    private static final UUID REST_FUZZ_RESTAURANT = UUID.fromString("77777777-7777-7777-7777-777777777777");
    private static final int MAX_PAYLOAD = 1_000_000;
    private static final long PROBE_MILLIS = 5_000;
    private static final String CODEC_CHARS = "0123456789[]{}\",:-/_ebt\\\u0000\u001e\u00e9\u20ac\ud83c\udf54";

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private final int cases = Integer.getInteger("fuzz.cases", 3_000);
    private final Random random = new Random(seed);
    /** Category → {tried, closed by the server, error reply, accepted or ignored, left the namespace}. */
    private final Map<String, int[]> tally = new TreeMap<>();
    private final List<String> internalErrors = new CopyOnWriteArrayList<>();
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    private int port;
    private String token;
    private List<String> seedPackets;
    private int threadsAtStart;
    private int threadsAfter;

    private enum Outcome { CLOSED, ERROR, ACCEPTED, LEFT }

    private synchronized void count(String category, Outcome outcome) {
        int[] counts = tally.computeIfAbsent(category, k -> new int[5]);
        counts[0]++;
        if (outcome != null) {
            counts[1 + outcome.ordinal()]++;
        }
    }

    private static String token(UUID restaurant, String role) {
        return new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC())
                .mint("fuzzer", role, restaurant, List.of(), List.of(), Duration.ofHours(1));
    }

    /** Remembers what the server logs at WARN and above while the test runs. */
    private static final class LogWatch extends AppenderBase<ILoggingEvent> {
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + ": " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage());
            if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                errors.add(line);
            } else if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                warnings.add(line);
            }
        }
    }

    @Test
    void survivesAnythingAClientCanSend(@TempDir Path dir) throws Exception {
        System.out.printf("# hostile input: seed %d (-Dfuzz.seed=%d replays it), %d generated WebSocket cases%n",
                seed, seed, cases);
        LogWatch logs = new LogWatch();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.setContext(root.getLoggerContext());
        logs.start();
        root.addAppender(logs);
        // Rates off: this test opens sessions from 127.0.0.1 as fast as the machine lets it, for seconds faster
        // than the default HANDSHAKE_RATE_PER_ADDRESS on a fast machine; it proves what inputs do, not rates.
        AppConfig config = AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0", "JWT_SECRET", SECRET,
                "DATA_DIR", dir.toString(), "REST_RATE_LIMIT_PER_SECOND", "0", "RATE_LIMIT_PER_SECOND", "1000000",
                "HANDSHAKE_RATE_PER_ADDRESS", "0"));
        Application app = Application.start(config, Clock.systemUTC(),
                DatabaseSettings.inMemory("hostile-" + UUID.randomUUID()));
        long started = System.nanoTime();
        try {
            port = app.port();
            token = token(RESTAURANT, "manager");
            Rest rest = new Rest("http://127.0.0.1:" + port, token);
            List<String> orderIds = seedOrders(rest);
            String before = snapshot(rest, orderIds);
            int threadsBefore = Thread.activeCount();
            try (RawSocketIo witness = RawSocketIo.connect(port, token).join(RESTAURANT.toString())) {
                seedPackets = seedPackets(orderIds);

                phase("generated WebSocket cases", this::generatedWebSocketCases);
                phase("deep JSON", this::deepJson);
                phase("huge values", this::hugeValues);
                phase("lying binary placeholders", this::binaryPlaceholdersThatLie);
                phase("CONNECT floods", this::connectFloods);
                phase("invalid UTF-8", this::invalidUtf8);
                phase("frames over maxPayload", this::oversizedFrames);
                phase("WebSocket protocol violations", this::webSocketProtocolViolations);
                phase("forged sids", this::pollingWithForgedSids);
                phase("polling bodies", this::pollingBodies);
                phase("overlapping POSTs", this::overlappingPolls);
                phase("oversized HTTP headers", this::oversizedHttpHeaders);
                phase("REST bodies", this::restBodies);

                // A live client still gets its answers, and saw nothing change.
                assertThat(witness.call("orders:sync", new JsonObject().put("restaurantId", RESTAURANT.toString()))
                        .getBoolean("success")).isTrue();
                assertThat(witness.events()).extracting(RawSocketIo.Received::name)
                        .as("what the restaurant's screen was told").noneMatch(n -> n.startsWith("order:")
                                || n.startsWith("table:"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> app.io().engine().sessions().isEmpty());
            assertThat(snapshot(rest, orderIds)).as("the restaurant's orders and their histories").isEqualTo(before);
            assertThat(internalErrors).as("INTERNAL errors answered").isEmpty();
            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(logs.errors).as("errors the server logged").isEmpty();
            assertThat(logs.warnings).as("blocked threads").noneMatch(w -> w.contains("BlockedThreadChecker"));
            // Pools grow to their bounds (workers, event loops); a thread per connection would show here.
            await().atMost(Duration.ofSeconds(10)).until(() -> Thread.activeCount() <= threadsBefore + 50);
            threadsAfter = Thread.activeCount();
            threadsAtStart = threadsBefore;
        } finally {
            root.detachAppender(logs);
            app.stop(Duration.ofSeconds(8));
        }
        int total = 0;
        StringBuilder table = new StringBuilder();
        for (Map.Entry<String, int[]> e : tally.entrySet()) {
            int[] c = e.getValue();
            total += c[0];
            table.append(String.format("#   %-26s %6d tried: %6d closed, %6d error reply, %6d accepted or ignored,"
                    + " %4d left the namespace%n", e.getKey(), c[0], c[1], c[2], c[3], c[4]));
        }
        System.out.printf("# hostile input: %d cases in %d ms, no crash, no session left, no data changed, no"
                + " INTERNAL, no 5xx, no error logged, threads %d before and %d after (seed %d)%n%s", total,
                (System.nanoTime() - started) / 1_000_000, threadsAtStart, threadsAfter, seed, table);
    }

    private interface Phase {
        void run() throws Exception;
    }

    private static void phase(String name, Phase phase) throws Exception {
        long start = System.nanoTime();
        phase.run();
        System.out.printf("#   %s: %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
    }

    // ---- the restaurant's data ---------------------------------------------------------------

    /** Orders in every status, the completed and cancelled ones at tables of their own. */
    private static List<String> seedOrders(Rest rest) {
        List<String> ids = new ArrayList<>();
        String[][] walks = {{}, {"confirmed"}, {"confirmed", "preparing"}, {"confirmed", "preparing", "ready"},
                {"confirmed", "preparing", "ready", "completed"}, {"cancelled"}};
        for (int i = 0; i < walks.length; i++) {
            JsonObject order = rest.ok("POST", "/orders", new JsonObject().put("type", "dine-in")
                    .put("table_number", "seeded-" + i).put("items", new JsonArray()
                            .add(new JsonObject().put("name", "Soup").put("quantity", 1).put("price", 5))));
            for (String status : walks[i]) {
                if (status.equals("cancelled")) {
                    rest.ok("DELETE", "/orders/" + order.getString("id"), new JsonObject().put("reason", "test"));
                } else {
                    rest.ok("PATCH", "/orders/" + order.getString("id") + "/status", new JsonObject().put("status", status));
                }
            }
            ids.add(order.getString("id"));
        }
        return ids;
    }

    private static String snapshot(Rest rest, List<String> ids) {
        StringBuilder all = new StringBuilder(rest.ok("GET", "/orders?status=new,pending,confirmed,preparing,ready,"
                + "picked-up,completed,cancelled&limit=500", null).encode());
        for (String id : ids) {
            all.append(rest.ok("GET", "/orders/" + id + "/history", null).encode());
        }
        return all.toString();
    }

    /**
     * Valid packets of every kind, to mutate. The status changes name orders in a final status (completed,
     * cancelled) or none at all, and the tables have no orders: whatever a mutation makes of them, no valid change
     * can come out, so the data must stay as it is.
     */
    private List<String> seedPackets(List<String> ids) {
        String r = RESTAURANT.toString();
        String done = ids.get(4);
        String cancelled = ids.get(5);
        return List.of(
                "0{\"token\":\"" + token + "\"}", "0/admin,{\"token\":\"x\"}", "1", "0",
                "2[\"join:restaurant\",\"" + r + "\"]", "21[\"join:restaurant\",{\"restaurantId\":\"" + r + "\",\"batch\":true}]",
                "22[\"join:station\",{\"restaurantId\":\"" + r + "\",\"station\":\"kitchen\"}]",
                "23[\"orders:sync\",{\"restaurantId\":\"" + r + "\",\"statuses\":[\"new\",\"ready\"]}]",
                "24[\"order:update_status\",{\"orderId\":\"" + done + "\",\"status\":\"preparing\",\"restaurantId\":\"" + r + "\"}]",
                "25[\"order:update_status\",{\"orderId\":\"" + cancelled + "\",\"status\":\"completed\"}]",
                "26[\"order:update_status\",{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"ready\"}]",
                "27[\"table:complete\",{\"tableNumber\":\"nowhere-17\",\"restaurantId\":\"" + r + "\"}]",
                "28[\"kitchen:alert\",{\"restaurantId\":\"" + r + "\",\"type\":\"info\",\"message\":\"hi\",\"severity\":2}]",
                "2[\"no-such-event\",1,2,3]", "3999[\"an ack nobody asked for\"]",
                "51-[\"kitchen:alert\",{\"_placeholder\":true,\"num\":0}]", "61-0[{\"_placeholder\":true,\"num\":0}]");
    }

    // ---- one WebSocket session of the main namespace -------------------------------------------

    /** A connection that sends a case, then asks {@code join:restaurant} (cheap, no broadcast) to see it alive. */
    private final class Fuzzed implements AutoCloseable {
        final RawWebSocket ws;
        int nextAck = 1_000_000;
        String lastCase = "(none)";

        Fuzzed() throws Exception {
            ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket");
            String open = ws.nextText(5_000);
            assertThat(open).startsWith("0{");
            joinNamespace();
        }

        private boolean joinNamespace() throws Exception {
            ws.sendText("40{\"token\":\"" + token + "\"}");
            long deadline = System.currentTimeMillis() + PROBE_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                Object m = ws.next(Math.max(1, deadline - System.currentTimeMillis()));
                if (m == null) {
                    return false;
                }
                if (m instanceof String text) {
                    note(text);
                    if (text.equals("2")) {
                        ws.sendText("3");
                    } else if (text.startsWith("40{")) {
                        return true;
                    }
                }
            }
            throw new AssertionError("the server neither answered a CONNECT nor closed the connection within "
                    + PROBE_MILLIS + " ms");
        }

        /** Sends frames, then probes; returns what became of them. */
        Outcome send(List<byte[][]> frames) throws Exception {
            lastCase = describe(frames);
            try {
                for (byte[][] frame : frames) {
                    ws.sendFrame(frame[0][0], frame[1], frame[0].length < 2 || frame[0][1] != 0);
                }
            } catch (IOException closedUnderUs) {
                return awaitClosed();
            }
            return probe();
        }

        /**
         * Asks {@code join:restaurant} with an ack. No answer within a moment may mean the socket left the
         * namespace (a mutated DISCONNECT), which the server does not answer: then a CONNECT is sent too, and
         * whichever answer comes first tells which. Neither within 5 s (nor a close) means the server hangs.
         */
        Outcome probe() throws Exception {
            int id = nextAck++;
            try {
                ws.sendText("42" + id + "[\"join:restaurant\",\"" + RESTAURANT + "\"]");
            } catch (IOException closed) {
                return awaitClosed();
            }
            boolean error = false;
            boolean rejoining = false;
            long start = System.currentTimeMillis();
            while (true) {
                long waited = System.currentTimeMillis() - start;
                if (waited >= PROBE_MILLIS) {
                    throw new AssertionError("the server neither answered nor closed the connection within "
                            + PROBE_MILLIS + " ms after " + lastCase);
                }
                Object m = ws.next(rejoining ? PROBE_MILLIS - waited : Math.max(1, 200 - waited));
                if (m == null) {
                    if (ws.isClosed()) {
                        return Outcome.CLOSED;
                    }
                    if (!rejoining) {
                        rejoining = true;
                        try {
                            ws.sendText("40{\"token\":\"" + token + "\"}");
                        } catch (IOException closed) {
                            return awaitClosed();
                        }
                    }
                    continue;
                }
                if (!(m instanceof String text)) {
                    continue;
                }
                note(text);
                if (text.equals("2")) {
                    ws.sendText("3");
                } else if (text.startsWith("43" + id + "[")) {
                    return error ? Outcome.ERROR : Outcome.ACCEPTED;
                } else if (text.startsWith("40{")) {
                    return Outcome.LEFT;
                } else if (text.startsWith("41") && !rejoining) {
                    rejoining = true;
                    ws.sendText("40{\"token\":\"" + token + "\"}");
                } else if (text.contains("\"success\":false") || text.startsWith("44")) {
                    error = true;
                }
            }
        }

        private Outcome awaitClosed() throws Exception {
            ws.closed().get(PROBE_MILLIS, TimeUnit.MILLISECONDS);
            return Outcome.CLOSED;
        }

        boolean isClosed() {
            return ws.isClosed();
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    private void note(String text) {
        if (text.contains("\"code\":\"INTERNAL\"")) {
            internalErrors.add(text.length() > 300 ? text.substring(0, 300) : text);
        }
    }

    private static String describe(List<byte[][]> frames) {
        StringBuilder sb = new StringBuilder();
        for (byte[][] frame : frames) {
            String text = new String(frame[1], StandardCharsets.UTF_8);
            sb.append("[opcode ").append(frame[0][0]).append(", ").append(frame[1].length).append(" bytes: ")
                    .append(text.length() > 120 ? text.substring(0, 120) + "..." : text).append("] ");
        }
        return sb.toString();
    }

    private static List<byte[][]> frames(byte[][]... frames) {
        return List.of(frames);
    }

    private static byte[][] text(String s) {
        return new byte[][]{{RawWebSocket.TEXT}, s.getBytes(StandardCharsets.UTF_8)};
    }

    private static byte[][] binary(byte[] data) {
        return new byte[][]{{RawWebSocket.BINARY}, data};
    }

    /**
     * Runs the cases on sessions that are replaced whenever the server closes one: a few sessions side by side
     * when there are many cases, each with its own generator seeded from the run's seed, so a run can be replayed.
     */
    private void onSessions(String category, int n, Function<Random, List<byte[][]>> generator) throws Exception {
        onSessions(category, n, n >= 64 ? 6 : 1, generator);
    }

    private void onSessions(String category, int n, int lanes, Function<Random, List<byte[][]>> generator)
            throws Exception {
        List<Future<?>> running = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        try {
            for (int lane = 0; lane < lanes; lane++) {
                Random laneRandom = new Random(seed ^ (category.hashCode() * 31L + lane));
                int share = n / lanes + (lane < n % lanes ? 1 : 0);
                running.add(pool.submit(() -> {
                    runLane(category, share, () -> generator.apply(laneRandom));
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                try {
                    lane.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : new RuntimeException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs these cases, each once, on two sessions side by side (some are a megabyte: more would only queue). */
    private void onSessions(String category, List<List<byte[][]>> fixed) throws Exception {
        AtomicInteger next = new AtomicInteger();
        onSessions(category, fixed.size(), Math.min(2, fixed.size()), r -> fixed.get(next.getAndIncrement()));
    }

    private void runLane(String category, int n, Supplier<List<byte[][]>> generator) throws Exception {
        Fuzzed session = null;
        try {
            for (int i = 0; i < n; i++) {
                if (session == null || session.isClosed()) {
                    if (session != null) {
                        session.close();
                    }
                    session = new Fuzzed();
                }
                count(category, session.send(generator.get()));
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    // ---- generated cases ----------------------------------------------------------------------

    private void generatedWebSocketCases() throws Exception {
        onSessions("engine.io random", cases / 4, r -> frames(text(randomEnginePacket(r))));
        onSessions("socket.io mutated", cases / 2, r -> {
            String seedPacket = seedPackets.get(r.nextInt(seedPackets.size()));
            return frames(text("4" + mutate(seedPacket, r)));
        });
        onSessions("socket.io random", cases / 4, r -> frames(text("4" + r.nextInt(10) + randomJsonish(r))));
    }

    private static String randomEnginePacket(Random random) {
        String types = "0123456789bx ";
        StringBuilder sb = new StringBuilder().append(types.charAt(random.nextInt(types.length())));
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            sb.append(randomChar(random));
        }
        // "1" closes and "2"/"5" break the protocol: they are tried, but less often than the rest.
        return sb.toString();
    }

    private static char randomChar(Random random) {
        return random.nextInt(3) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
                : CODEC_CHARS.charAt(random.nextInt(CODEC_CHARS.length()));
    }

    private static String randomJsonish(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            sb.append(randomChar(random));
        }
        return sb.toString();
    }

    /** One to four edits: insert, delete or replace a character, or cut the text short. */
    private static String mutate(String valid, Random random) {
        StringBuilder sb = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length() + 1);
            char c = randomChar(random);
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, c);
                    }
                }
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    private void deepJson() throws Exception {
        int limit = Json.MAX_NESTING_DEPTH;
        List<List<byte[][]>> deep = new ArrayList<>();
        for (int depth : new int[]{limit - 3, limit - 2, limit - 1, limit, limit + 1, 100, 1_000, 10_000, 100_000,
                490_000}) {
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            StringBuilder objects = new StringBuilder();
            objects.append("{\"a\":".repeat(depth)).append("1").append("}".repeat(depth));
            for (String payload : new String[]{arrays, objects.toString()}) {
                String event = "42[\"orders:sync\"," + payload + "]";
                if (event.length() + 1 <= MAX_PAYLOAD) {
                    deep.add(frames(text(event)));
                }
                String inConnect = "40" + "{\"token\":" + payload + "}";
                if (inConnect.length() <= MAX_PAYLOAD) {
                    try (RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket")) {
                        ws.nextText(5_000);
                        ws.sendText(inConnect);
                        count("deep json in CONNECT", connectOutcome(ws));
                    }
                }
            }
        }
        onSessions("deep json", deep);
    }

    /** What became of a CONNECT: a connect_error, the connection closed, or (for a valid one) accepted. */
    private Outcome connectOutcome(RawWebSocket ws) throws Exception {
        long deadline = System.currentTimeMillis() + PROBE_MILLIS;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            Object m = left <= 0 ? null : ws.next(left);
            if (m == null) {
                assertThat(ws.isClosed()).as("the server answered the CONNECT or closed the connection").isTrue();
                return Outcome.CLOSED;
            }
            if (m instanceof String text) {
                note(text);
                if (text.startsWith("44")) {
                    return Outcome.ERROR;
                }
                if (text.startsWith("40")) {
                    return Outcome.ACCEPTED;
                }
            }
        }
    }

    private void hugeValues() throws Exception {
        String r = RESTAURANT.toString();
        List<String> values = List.of("1" + "0".repeat(5_000), "1e999999", "-1e-999999", "1.7976931348623157e309",
                "123456789012345678901234567890", "-0", "0.0000000000000000000000000001", "9".repeat(99),
                "\"" + "€".repeat(300_000) + "\"", "\"" + "x".repeat(999_000 - 200) + "\"",
                "\"\\ud800\"", "\"\\u0000\"", "[" + "1,".repeat(200_000) + "1]", bigObject(40_000), "{\"a\":1,\"a\":2}",
                "null", "true", "[]", "{}", "\"\"");
        List<List<byte[][]>> huge = new ArrayList<>();
        for (String value : values) {
            List<String> events = List.of(
                    "42[\"order:update_status\",{\"orderId\":" + value + ",\"status\":" + value + ",\"restaurantId\":\"" + r + "\"}]",
                    "42[\"kitchen:alert\",{\"restaurantId\":\"" + r + "\",\"type\":\"info\",\"message\":" + value + ",\"severity\":" + value + "}]",
                    "42[\"table:complete\",{\"tableNumber\":" + value + "}]",
                    "42[\"orders:sync\",{\"statuses\":" + value + "}]",
                    "42[\"join:restaurant\"," + value + "]",
                    "42[" + value + "]",
                    "42" + value);
            for (String event : events) {
                if (event.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD) {
                    huge.add(frames(text(event)));
                }
            }
        }
        onSessions("huge numbers and strings", huge);
    }

    private static String bigObject(int keys) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys; i++) {
            sb.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return sb.append('}').toString();
    }

    private void binaryPlaceholdersThatLie() throws Exception {
        String[] counts = {"0", "1", "2", "10", "11", "999999", "1000000", "99999999999", "-1", ""};
        String[] nums = {"0", "1", "-1", "1.5", "\"0\"", "99999999999"};
        List<List<byte[][]>> lies = new ArrayList<>();
        for (String n : counts) {
            for (String num : nums) {
                for (int attachments : new int[]{0, 1, 2}) {
                    List<byte[][]> event = new ArrayList<>();
                    event.add(text("45" + n + "-[\"kitchen:alert\",{\"_placeholder\":true,\"num\":" + num + "}]"));
                    for (int a = 0; a < attachments; a++) {
                        event.add(binary(new byte[]{1, 2, 3}));
                    }
                    lies.add(event);
                    List<byte[][]> ack = new ArrayList<>(event);
                    ack.set(0, text("46" + n + "-7[{\"_placeholder\":true,\"num\":" + num + "}]"));
                    lies.add(ack);
                }
            }
        }
        onSessions("binary placeholders", lies);
        // Attachments nobody announced, and a text packet while attachments are awaited.
        onSessions("binary placeholders", 20, r -> frames(binary(new byte[r.nextInt(100)])));
        onSessions("binary placeholders", 20, r -> frames(text("452-[\"x\",{\"_placeholder\":true,\"num\":1}]"),
                binary(new byte[]{1}), text("42[\"y\"]")));
    }

    private void connectFloods() throws Exception {
        // One connection that sends CONNECT over and over, to the main namespace and to others.
        try (Fuzzed session = new Fuzzed()) {
            for (int i = 0; i < 2_000 && !session.isClosed(); i++) {
                String packet = switch (i % 4) {
                    case 0 -> "40{\"token\":\"" + token + "\"}";
                    case 1 -> "40/nowhere,";
                    case 2 -> "40{\"token\":\"not.a.token\"}";
                    default -> "40/admin,{\"token\":\"" + token + "\"}";
                };
                session.ws.sendText(packet);
                count("CONNECT flood (1 conn)", null);
            }
            count("CONNECT flood (1 conn)", session.probe());
        }
        // Many sessions opened at once, each sending a few CONNECTs, some with bad tokens.
        List<RawWebSocket> many = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket");
                many.add(ws);
                ws.nextText(5_000);
                for (int c = 0; c < 5; c++) {
                    ws.sendText(c % 2 == 0 ? "40{\"token\":\"" + (i % 3 == 0 ? "bad" : token) + "\"}" : "40");
                }
            }
            for (int i = 0; i < many.size(); i++) {
                count("CONNECT flood (200 conns)", connectOutcome(many.get(i)));
            }
        } finally {
            many.forEach(RawWebSocket::close);
        }
    }

    private void invalidUtf8() throws Exception {
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        String[] around = {"4%s", "42[\"kitchen:alert\",\"%s\"]", "40{\"token\":\"%s\"}", "%s", "2%s"};
        List<List<byte[][]>> invalid = new ArrayList<>();
        for (byte[] sequence : bad) {
            for (String template : around) {
                String[] parts = template.split("%s", -1);
                ByteArrayOutputStream frame = new ByteArrayOutputStream();
                frame.write(parts[0].getBytes(StandardCharsets.UTF_8));
                frame.write(sequence);
                frame.write(parts[1].getBytes(StandardCharsets.UTF_8));
                invalid.add(frames(new byte[][]{{RawWebSocket.TEXT}, frame.toByteArray()}));
            }
        }
        onSessions("invalid UTF-8", invalid);
    }

    private void oversizedFrames() throws Exception {
        onSessions("over maxPayload", 1, r -> frames(text("4" + "x".repeat(MAX_PAYLOAD))));
        onSessions("over maxPayload", 1, r -> frames(text("42[\"a\",\"" + "€".repeat(MAX_PAYLOAD / 3) + "\"]")));
        onSessions("over maxPayload", 1, r -> frames(binary(new byte[MAX_PAYLOAD + 1])));
        // Fragments that together pass the limit.
        byte[] third = ("4" + "y".repeat(MAX_PAYLOAD / 2)).getBytes(StandardCharsets.US_ASCII);
        onSessions("over maxPayload", 1, r -> frames(new byte[][]{{RawWebSocket.TEXT, 0}, third},
                new byte[][]{{0, 0}, third}, new byte[][]{{0}, third}));
        // A frame header announcing 2^62 bytes, then nothing.
        for (int i = 0; i < 3; i++) {
            try (Fuzzed session = new Fuzzed()) {
                session.ws.sendRaw(new byte[]{(byte) 0x81, (byte) 0xFF, 0x40, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4});
                count("over maxPayload", session.probe());
            }
        }
    }

    private void webSocketProtocolViolations() throws Exception {
        byte[] probe = "42[\"x\"]".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> raw = List.of(
                new byte[]{(byte) 0x81, 0x02, 0x34, 0x30}, // unmasked
                new byte[]{(byte) 0x83, (byte) 0x80, 1, 2, 3, 4}, // reserved opcode 3
                new byte[]{(byte) 0x8B, (byte) 0x80, 1, 2, 3, 4}, // reserved control opcode 0xB
                new byte[]{(byte) 0xC1, (byte) 0x80, 1, 2, 3, 4}, // RSV1 without an extension
                new byte[]{(byte) 0xB1, (byte) 0x80, 1, 2, 3, 4}, // RSV2 and RSV3
                new byte[]{(byte) 0x09, (byte) 0x80, 1, 2, 3, 4}, // fragmented ping
                new byte[]{(byte) 0x80, (byte) 0x80, 1, 2, 3, 4}, // continuation without a start
                new byte[]{(byte) 0x89, (byte) 0xFE, 0, (byte) 200, 1, 2, 3, 4}); // 200-byte ping
        for (byte[] bytes : raw) {
            for (int i = 0; i < 3; i++) {
                try (Fuzzed session = new Fuzzed()) {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    all.write(bytes);
                    if (bytes[1] == (byte) 0xFE) {
                        all.write(new byte[200]);
                    }
                    session.ws.sendRaw(all.toByteArray());
                    count("WebSocket protocol violations", session.probe());
                }
            }
        }
        // A start of a text message, then a new text message instead of its continuation.
        onSessions("WebSocket protocol violations", 3, r -> frames(new byte[][]{{RawWebSocket.TEXT, 0}, probe},
                text("42[\"y\"]")));
    }

    // ---- HTTP long-polling ----------------------------------------------------------------------

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            serverErrors.add(response.statusCode() + " " + response.uri() + " " + response.body());
        }
        note(response.body());
        return response;
    }

    private String polling(String query) {
        return "http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling" + query;
    }

    private String handshake() throws Exception {
        HttpResponse<String> open = send(HttpRequest.newBuilder(URI.create(polling(""))).GET());
        assertThat(open.statusCode()).isEqualTo(200);
        return new JsonObject(open.body().substring(1)).getString("sid");
    }

    /** Ends a polling session on purpose: a close packet, then the poll that picks up its end. */
    private void endPolling(String sid) throws Exception {
        HttpResponse<String> closed = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid)))
                .POST(HttpRequest.BodyPublishers.ofString("1")));
        if (closed.statusCode() == 200) {
            send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid))).GET());
        }
    }

    private void pollingWithForgedSids() throws Exception {
        String live = handshake();
        String ended = handshake();
        endPolling(ended);
        String webSocketSid;
        try (RawWebSocket ws = RawWebSocket.open(port, "/socket.io/?EIO=4&transport=websocket")) {
            webSocketSid = new JsonObject(ws.nextText(5_000).substring(1)).getString("sid");
            List<String> sids = new ArrayList<>(List.of(ended, webSocketSid, live.toUpperCase(), live + "x",
                    live.substring(1), "", "%00", "..%2F..%2Fetc%2Fpasswd", "A".repeat(4_000), "null", "%E2%82%AC",
                    "%27%20OR%20%271%27%3D%271"));
            for (int i = 0; i < 300; i++) {
                byte[] bytes = new byte[15];
                random.nextBytes(bytes);
                sids.add(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            for (String sid : sids) {
                for (String method : new String[]{"GET", "POST"}) {
                    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid)))
                            .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString("40")));
                    assertThat(response.statusCode()).as(method + " with sid " + sid).isBetween(400, 499);
                    count("polling forged sid", Outcome.ERROR);
                }
            }
        }
        for (String query : new String[]{"&sid=" + live + "&EIO=3", "&transport=flashsocket", "&EIO=5"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + port + "/socket.io/?" + query.substring(1))).GET());
            assertThat(response.statusCode()).isBetween(400, 499);
            count("polling forged sid", Outcome.ERROR);
        }
        endPolling(live);
    }

    private void pollingBodies() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            bodies.add(junk);
            String mutated = mutate("4" + seedPackets.get(random.nextInt(seedPackets.size())) + "\u001e42[\"a\"]"
                    + "\u001ebAQID", random);
            bodies.add(mutated.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[]{'4', (byte) 0xC3, 0x28});
        bodies.add(("b" + "!".repeat(100)).getBytes(StandardCharsets.US_ASCII));
        bodies.add(("4" + "x".repeat(MAX_PAYLOAD)).getBytes(StandardCharsets.US_ASCII));
        bodies.add(("4" + "€".repeat(MAX_PAYLOAD / 3 + 1)).getBytes(StandardCharsets.UTF_8));
        for (byte[] body : bodies) {
            String sid = handshake();
            send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid))).POST(
                    HttpRequest.BodyPublishers.ofString("40{\"token\":\"" + token + "\"}")));
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            if (response.statusCode() == 200) {
                // Taken: see that the session still answers, and end it.
                HttpResponse<String> poll = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid))).GET());
                count("polling bodies", poll.statusCode() == 200 ? Outcome.ACCEPTED : Outcome.CLOSED);
                endPolling(sid);
            } else {
                assertThat(response.statusCode()).isBetween(400, 499);
                count("polling bodies", Outcome.ERROR);
                HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid))).GET());
                if (after.statusCode() == 200) {
                    endPolling(sid);
                }
            }
        }
    }

    /** Two POSTs of one session at once: the second is refused with 400 and the session closed. */
    private void overlappingPolls() throws Exception {
        for (int i = 0; i < 20; i++) {
            String sid = handshake();
            String path = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
            try (Socket slow = new Socket()) {
                slow.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                OutputStream out = slow.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 10\r\n\r\n42[").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // Until the server has the slow POST under way, a POST (of a noop) is simply taken.
                long deadline = System.currentTimeMillis() + 5_000;
                int status;
                do {
                    status = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid)))
                            .POST(HttpRequest.BodyPublishers.ofString("6"))).statusCode();
                } while (status == 200 && System.currentTimeMillis() < deadline);
                assertThat(status).as("a POST while another is under way").isEqualTo(400);
                HttpResponse<String> poll = send(HttpRequest.newBuilder(URI.create(polling("&sid=" + sid))).GET());
                assertThat(poll.statusCode()).as("the session after an overlapping POST").isEqualTo(400);
                count("polling overlapping POST", Outcome.CLOSED);
            }
        }
    }

    // ---- HTTP itself ------------------------------------------------------------------------------

    /** Sends a raw HTTP request and returns the status code, or -1 if the connection was closed without one. */
    private int rawHttp(String request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedWhileSending) {
                // the server may close as soon as it has seen enough
            }
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int read = in.readNBytes(head, 0, 12);
            if (read < 12) {
                return -1;
            }
            int status = Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII));
            if (status >= 500) {
                serverErrors.add(status + " for a raw request of " + request.length() + " bytes");
            }
            return status;
        } catch (IOException reset) {
            return -1;
        }
    }

    private void oversizedHttpHeaders() throws Exception {
        String[] paths = {"/socket.io/?EIO=4&transport=polling", "/api/v1/orders", "/health/live"};
        for (String path : paths) {
            for (int size : new int[]{17_000, 64_000, 1_000_000}) {
                int status = rawHttp("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(size)
                        + "\r\n\r\n");
                assertThat(status).as("a " + size + "-byte header on " + path).isIn(-1, 400, 413, 431);
                count("oversized HTTP headers", Outcome.ERROR);
                StringBuilder many = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                for (int h = 0; h < size / 10; h++) {
                    many.append("X-H").append(h).append(": vvvvvvvvvv\r\n");
                }
                status = rawHttp(many.append("\r\n").toString());
                assertThat(status).as(size / 10 + " headers on " + path).isIn(-1, 400, 413, 431);
                count("oversized HTTP headers", Outcome.ERROR);
            }
            int status = rawHttp("GET " + path + (path.contains("?") ? "&" : "?") + "x=" + "b".repeat(20_000)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(status).as("a 20 KB URI on " + path).isIn(-1, 400, 414);
            count("oversized HTTP headers", Outcome.ERROR);
            status = rawHttp("GARBAGE\r\n\r\n");
            assertThat(status).isIn(-1, 400, 501);
            count("oversized HTTP headers", Outcome.ERROR);
        }
    }

    private void restBodies() throws Exception {
        String restToken = token(REST_FUZZ_RESTAURANT, "manager");
        String valid = new JsonObject().put("type", "dine-in").put("table_number", "5").put("items", new JsonArray()
                .add(new JsonObject().put("name", "Burger").put("quantity", 2).put("price", 12.5)
                        .put("modifiers", new JsonArray().add(new JsonObject().put("name", "bacon").put("price", 1.25))
                                .add("no onions")).put("station", "kitchen"))).encode();
        String created = new Rest("http://127.0.0.1:" + port, restToken).ok("POST", "/orders",
                new JsonObject(valid)).getString("id");
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            bodies.add(mutate(valid, random).getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
        bodies.add(("{\"items\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.US_ASCII));
        bodies.add(("{\"type\":\"dine-in\",\"items\":[{\"name\":\"x\",\"quantity\":1" + "0".repeat(5_000)
                + ",\"price\":1e999999}]}").getBytes(StandardCharsets.US_ASCII));
        bodies.add(new byte[]{'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
        bodies.add(("{\"notes\":\"" + "n".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.US_ASCII));
        bodies.add(bigObject(50_000).getBytes(StandardCharsets.US_ASCII));
        for (byte[] body : bodies) {
            for (String[] route : new String[][]{{"POST", "/orders"}, {"PATCH", "/orders/" + created},
                    {"PATCH", "/orders/" + created + "/status"}, {"POST", "/alerts"}}) {
                HttpResponse<String> response = send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1" + route[1]))
                        .header("Authorization", "Bearer " + restToken).header("Content-Type", "application/json")
                        .method(route[0], HttpRequest.BodyPublishers.ofByteArray(body)));
                count("REST bodies", response.statusCode() < 300 ? Outcome.ACCEPTED : Outcome.ERROR);
            }
        }
    }
}
