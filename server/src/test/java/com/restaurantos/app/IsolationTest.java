package com.restaurantos.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.restaurantos.auth.AuthSettings;
import com.restaurantos.auth.KeySource;
import com.restaurantos.auth.TokenMinter;
import com.restaurantos.store.DatabaseSettings;
import com.restaurantos.testing.RawSocketIo;
import com.restaurantos.testing.Rest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Restaurant B's tokens against restaurant A, over the wired server: every client event (also batched, also with
 * {@code restaurantId} left out after joining B) and every REST route of contract section 4 (with
 * {@code X-Restaurant-ID: A}, and with A's order ids in B's own scope), for each role of B.
 *
 * <p>Each case must be refused with the contract's code: naming restaurant A is {@code PERMISSION_DENIED} (403);
 * an order of A addressed within B is, to B, no such order: {@code ORDER_NOT_FOUND} (404), answered exactly as for
 * an id that exists nowhere. What B may do in its own restaurant (list, sync, close a table, raise an alert) it
 * does, and sees none of A in the answer. A's orders and histories are unchanged after each case, and A's screens
 * (the restaurant room and every station room, batched and not) receive nothing of it: after each case A changes
 * its marker order, and that change must be the very next and only event each of A's screens receives. Since a
 * socket's events arrive in the order they were sent (and batches in the order their events happened), anything
 * the case had sent them would have come first.
 */
class IsolationTest {
    private static final String SECRET = "isolation-test-secret-of-enough-bytes!!";
    private static final UUID A = UUID.fromString("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa");
    private static final UUID B = UUID.fromString("bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb");
    /** In the customer name and notes of A's orders: no answer to B may contain it. */
    private static final String SECRET_OF_A = "known-only-to-A";
    /** A table of A with active orders; B has none there. */
    private static final String TABLE = "5";
    private static final List<String> STATIONS = List.of("kitchen", "expo", "bar", "pos");
    private static final JsonArray ALL_STATUSES = new JsonArray(List.of("new", "pending", "confirmed", "preparing",
            "ready", "picked-up", "completed", "cancelled"));
    private static final List<String> ROLES = List.of("owner", "manager", "server", "kitchen", "customer");
    /** Following a restaurant's rooms: {@code orders:read}, and seeing more than one's own orders. */
    private static final String FEED = "feed";
    /** The role table of contract section 2, copied here so that the server's own table is checked, not trusted. */
    private static final Map<String, Set<String>> SCOPES = Map.of(
            "owner", Set.of("orders:create", "orders:read", "orders:update", "orders:status", "kitchen:alert"),
            "manager", Set.of("orders:create", "orders:read", "orders:update", "orders:status", "kitchen:alert"),
            "server", Set.of("orders:create", "orders:read", "orders:update", "orders:status"),
            "kitchen", Set.of("orders:read", "orders:status", "kitchen:alert"),
            "customer", Set.of("orders:create", "orders:read"));

    @TempDir
    static Path dataDir;

    private static Application app;
    private static TokenMinter minter;
    private static Rest managerOfA;
    private static Rest managerOfB;
    private static final Map<String, Rest> restOfB = new LinkedHashMap<>();
    /** A's order at {@link #TABLE} in status new, with items for the kitchen and the bar. */
    private static String activeOrder;
    /** A's order at {@link #TABLE} in status ready. */
    private static String readyOrder;
    private static final List<String> ordersOfA = new ArrayList<>();
    /** An order of each restaurant that only ever gets new notes, to mark a point in its screens' events. */
    private static String markerOfA;
    private static String markerOfB;
    private static int markers;
    private static final List<Witness> screensOfA = new ArrayList<>();
    private static final List<Witness> screensOfB = new ArrayList<>();
    private static final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final ListAppender<ILoggingEvent> log = new ListAppender<>();

    /** A screen of one restaurant that records what it receives. */
    private record Witness(String name, RawSocketIo socket, boolean batched) {
    }

    private enum Expect { DENIED, NOT_FOUND, OWN_DATA }

    /** How an attacking socket talks: with acks, batched with acks, or without acks (errors come as events). */
    private enum Mode { PLAIN, BATCHED, NO_ACK }

    /** What the server answered: the HTTP status (0 over a socket) and the reply. */
    private record Reply(int status, JsonObject body) {
    }

    @FunctionalInterface
    private interface Attack {
        Reply run(String role, String orderId) throws Exception;
    }

    /**
     * @param needs  the scope the attempt needs ({@link #FEED} for joining rooms): without it, B is denied first
     * @param expect the outcome for a role of B that has {@code needs}
     * @param target the order of A the attempt names, if any
     */
    private record Case(String name, String role, String needs, Expect expect, String target, Attack attack) {
        Expect expected() {
            return may(role, needs) ? expect : Expect.DENIED;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        log.setContext(root.getLoggerContext());
        log.start();
        root.addAppender(log);
        AppConfig config = AppConfig.fromEnvironment(Map.of("HOST", "127.0.0.1", "PORT", "0", "JWT_SECRET", SECRET,
                "DATA_DIR", dataDir.toString(), "REST_RATE_LIMIT_PER_SECOND", "0",
                "RATE_LIMIT_PER_SECOND", "1000000"));
        app = Application.start(config, Clock.systemUTC(), DatabaseSettings.inMemory("isolation-" + UUID.randomUUID()));
        minter = new TokenMinter(AuthSettings.of(new KeySource.Secret(SECRET)), Clock.systemUTC());
        managerOfA = new Rest(base(), token("manager", A));
        managerOfB = new Rest(base(), token("manager", B));
        for (String role : ROLES) {
            restOfB.put(role, new Rest(base(), token(role, B)));
        }

        activeOrder = managerOfA.ok("POST", "/orders", orderOfA(TABLE, "kitchen", "bar")).getString("id");
        readyOrder = managerOfA.ok("POST", "/orders", orderOfA(TABLE, "kitchen")).getString("id");
        for (String status : List.of("confirmed", "preparing", "ready")) {
            managerOfA.ok("PATCH", "/orders/" + readyOrder + "/status", new JsonObject().put("status", status));
        }
        String takeout = managerOfA.ok("POST", "/orders", orderOfA(null, "bar")).getString("id");
        ordersOfA.addAll(List.of(activeOrder, readyOrder, takeout));
        markerOfA = managerOfA.ok("POST", "/orders", orderOfA(null, (String) null)).getString("id");
        markerOfB = managerOfB.ok("POST", "/orders", order(null, (String) null)).getString("id");
        managerOfB.ok("POST", "/orders", order("9", "kitchen"));

        screensOfA.addAll(screens(A));
        screensOfB.addAll(screens(B));
    }

    /** The restaurant room and each station room, each once plainly and once batched. */
    private static List<Witness> screens(UUID restaurant) throws Exception {
        List<Witness> screens = new ArrayList<>();
        String id = restaurant.toString();
        RawSocketIo room = RawSocketIo.connect(app.port(), token("manager", restaurant));
        ok(room.call("join:restaurant", id));
        screens.add(new Witness(id + " restaurant room", room, false));
        RawSocketIo batchedRoom = RawSocketIo.connect(app.port(), token("manager", restaurant));
        ok(batchedRoom.call("join:restaurant", new JsonObject().put("restaurantId", id).put("batch", true)));
        screens.add(new Witness(id + " restaurant room, batched by join", batchedRoom, true));
        for (String station : STATIONS) {
            JsonObject join = new JsonObject().put("restaurantId", id).put("station", station);
            RawSocketIo plain = RawSocketIo.connect(app.port(), token("kitchen", restaurant));
            ok(plain.call("join:station", join));
            screens.add(new Witness(id + " station " + station, plain, false));
            RawSocketIo batched = RawSocketIo.connect(app.port(),
                    new JsonObject().put("token", token("kitchen", restaurant)).put("batch", true));
            ok(batched.call("join:station", join));
            screens.add(new Witness(id + " station " + station + ", batched by auth", batched, true));
        }
        return screens;
    }

    @AfterAll
    static void stop() {
        try {
            Stream.concat(screensOfA.stream(), screensOfB.stream()).forEach(w -> w.socket().close());
            if (app != null) {
                app.stop(Duration.ofSeconds(8));
            }
            assertThat(log.list).as("errors the server logged")
                    .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        } finally {
            root.detachAppender(log);
        }
    }

    // ---- the table -----------------------------------------------------------------------

    static Stream<Case> attacks() {
        List<Case> cases = new ArrayList<>();
        for (String role : ROLES) {
            for (Mode mode : Mode.values()) {
                socketCases(cases, role, mode);
            }
            restCases(cases, role);
        }
        return cases.stream();
    }

    private static void socketCases(List<Case> cases, String role, Mode mode) {
        String a = A.toString();
        // Naming restaurant A.
        socket(cases, role, mode, "join:restaurant naming A", FEED, Expect.DENIED, null, false,
                "join:restaurant", id -> a);
        socket(cases, role, mode, "join:restaurant naming A, batch: true", FEED, Expect.DENIED, null, false,
                "join:restaurant", id -> new JsonObject().put("restaurantId", a).put("batch", true));
        for (String station : STATIONS) {
            socket(cases, role, mode, "join:station " + station + " naming A", FEED, Expect.DENIED, null, false,
                    "join:station", id -> new JsonObject().put("restaurantId", a).put("station", station));
        }
        socket(cases, role, mode, "orders:sync naming A", "orders:read", Expect.DENIED, null, false,
                "orders:sync", id -> new JsonObject().put("restaurantId", a));
        socket(cases, role, mode, "orders:sync of every status naming A", "orders:read", Expect.DENIED, null, false,
                "orders:sync", id -> new JsonObject().put("restaurantId", a).put("statuses", ALL_STATUSES));
        socket(cases, role, mode, "order:update_status of A's new order naming A", "orders:status", Expect.DENIED,
                activeOrder, false, "order:update_status", id -> status(id, "confirmed").put("restaurantId", a));
        socket(cases, role, mode, "order:update_status of A's ready order naming A", "orders:status", Expect.DENIED,
                readyOrder, false, "order:update_status", id -> status(id, "completed").put("restaurantId", a));
        socket(cases, role, mode, "table:complete of A's table naming A", "orders:status", Expect.DENIED, null, false,
                "table:complete", id -> new JsonObject().put("tableNumber", TABLE).put("restaurantId", a));
        socket(cases, role, mode, "kitchen:alert naming A", "kitchen:alert", Expect.DENIED, null, false,
                "kitchen:alert", id -> alert().put("restaurantId", a));
        socket(cases, role, mode, "kitchen:alert to A's kitchen", "kitchen:alert", Expect.DENIED, null, false,
                "kitchen:alert", id -> alert().put("restaurantId", a).put("station", "kitchen"));
        socket(cases, role, mode, "kitchen:alert about A's order naming A", "kitchen:alert", Expect.DENIED,
                activeOrder, false, "kitchen:alert", id -> alert().put("restaurantId", a).put("orderId", id));
        // restaurantId left out, after joining B: A's orders must not be found there.
        socket(cases, role, mode, "join:station kitchen without restaurantId", FEED, Expect.OWN_DATA, null, true,
                "join:station", id -> new JsonObject().put("station", "kitchen"));
        socket(cases, role, mode, "orders:sync without restaurantId", "orders:read", Expect.OWN_DATA, null, true,
                "orders:sync", id -> new JsonObject());
        socket(cases, role, mode, "orders:sync of every status without restaurantId", "orders:read",
                Expect.OWN_DATA, null, true, "orders:sync", id -> new JsonObject().put("statuses", ALL_STATUSES));
        socket(cases, role, mode, "order:update_status of A's new order without restaurantId", "orders:status",
                Expect.NOT_FOUND, activeOrder, true, "order:update_status", id -> status(id, "confirmed"));
        socket(cases, role, mode, "order:update_status of A's ready order without restaurantId", "orders:status",
                Expect.NOT_FOUND, readyOrder, true, "order:update_status", id -> status(id, "completed"));
        socket(cases, role, mode, "table:complete of A's table number without restaurantId", "orders:status",
                Expect.OWN_DATA, null, true, "table:complete", id -> new JsonObject().put("tableNumber", TABLE));
        socket(cases, role, mode, "kitchen:alert about A's order without restaurantId", "kitchen:alert",
                Expect.NOT_FOUND, activeOrder, true, "kitchen:alert", id -> alert().put("orderId", id));
        socket(cases, role, mode, "kitchen:alert to the kitchen without restaurantId", "kitchen:alert",
                Expect.OWN_DATA, null, true, "kitchen:alert", id -> alert().put("station", "kitchen"));
    }

    private static void restCases(List<Case> cases, String role) {
        for (boolean namingA : new boolean[]{true, false}) {
            Expect byId = namingA ? Expect.DENIED : Expect.NOT_FOUND;
            Expect own = namingA ? Expect.DENIED : Expect.OWN_DATA;
            rest(cases, role, namingA, "POST /orders", "orders:create", own, null, id -> order(null, "kitchen"));
            rest(cases, role, namingA, "GET /orders?status=<all>&limit=500", "orders:read", own, null, id -> null);
            rest(cases, role, namingA, "GET /orders/{id}", "orders:read", byId, activeOrder, id -> null);
            rest(cases, role, namingA, "GET /orders/{id}/history", "orders:read", byId, activeOrder, id -> null);
            rest(cases, role, namingA, "PATCH /orders/{id}", "orders:update", byId, activeOrder,
                    id -> new JsonObject().put("notes", "changed by B").put("table_number", "99"));
            rest(cases, role, namingA, "PATCH /orders/{id}/status", "orders:status", byId, activeOrder,
                    id -> new JsonObject().put("status", "confirmed"));
            rest(cases, role, namingA, "PATCH /orders/{id}/status of a ready order", "orders:status", byId,
                    readyOrder, id -> new JsonObject().put("status", "completed"));
            rest(cases, role, namingA, "DELETE /orders/{id}", "orders:update", byId, activeOrder,
                    id -> new JsonObject().put("reason", "B says so"));
            rest(cases, role, namingA, "POST /tables/" + TABLE + "/complete", "orders:status", own, null, id -> null);
            rest(cases, role, namingA, "POST /alerts about an order", "kitchen:alert", byId, activeOrder,
                    id -> alert().put("orderId", id));
            rest(cases, role, namingA, "POST /alerts to the kitchen", "kitchen:alert", own, null,
                    id -> alert().put("station", "kitchen"));
        }
    }

    private static void socket(List<Case> cases, String role, Mode mode, String what, String needs, Expect expect,
                               String target, boolean inOwnRestaurant, String event, Function<String, Object> payload) {
        Case c = new Case(role + " of B, socket " + mode.name().toLowerCase().replace('_', '-') + ": " + what, role,
                needs, expect, target, (r, orderId) -> {
            JsonObject auth = new JsonObject().put("token", token(r, B));
            if (mode == Mode.BATCHED) {
                auth.put("batch", true);
            }
            try (RawSocketIo attacker = RawSocketIo.connect(app.port(), auth)) {
                // A customer may not join; its token's only restaurant, B, is the one it acts on anyway.
                if (inOwnRestaurant && may(r, FEED)) {
                    ok(attacker.call("join:restaurant", new JsonObject().put("restaurantId", B.toString())
                            .put("batch", mode == Mode.BATCHED)));
                }
                Object arg = payload.apply(orderId);
                if (mode != Mode.NO_ACK) {
                    return new Reply(0, attacker.call(event, arg));
                }
                int before = attacker.events().size();
                attacker.emit(event, arg);
                RawSocketIo.Received error = await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> attacker.events().stream().skip(before).filter(e -> e.name().equals("error"))
                                .findFirst(), java.util.Optional::isPresent).orElseThrow();
                return new Reply(0, (JsonObject) error.data());
            }
        });
        // Without an ack only a refusal answers: a success would have nothing to wait for.
        if (mode != Mode.NO_ACK || c.expected() != Expect.OWN_DATA) {
            cases.add(c);
        }
    }

    private static void rest(List<Case> cases, String role, boolean namingA, String what, String needs,
                             Expect expect, String target, Function<String, JsonObject> body) {
        String[] methodAndPath = what.split(" ");
        String path = methodAndPath[1].replace("<all>", String.join(",", ALL_STATUSES.<String>getList()));
        cases.add(new Case(role + " of B, REST " + (namingA ? "with X-Restaurant-ID: A" : "in B") + ": " + what,
                role, needs, expect, target, (r, orderId) -> {
            Rest.Response response = restOfB.get(r).call(methodAndPath[0],
                    orderId == null ? path : path.replace("{id}", orderId), body.apply(orderId),
                    namingA ? Map.of("X-Restaurant-ID", A.toString()) : Map.of());
            return new Reply(response.status(), response.body());
        }));
    }

    // ---- the checks ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void restaurantBCannotReadChangeOrReachRestaurantA(Case c) throws Exception {
        String before = snapshotOfA();
        int[] seen = counts(screensOfA);

        Reply reply = c.attack().run(c.role(), c.target());

        assertThat(reply.body().encode()).as("what B was told").doesNotContain(SECRET_OF_A);
        switch (c.expected()) {
            case DENIED -> refused(reply, "PERMISSION_DENIED", 403);
            case NOT_FOUND -> {
                refused(reply, "ORDER_NOT_FOUND", 404);
                String nowhere = UUID.randomUUID().toString();
                Reply unknown = c.attack().run(c.role(), nowhere);
                assertThat(reply.status()).as("status for A's order and for no order").isEqualTo(unknown.status());
                assertThat(reply.body().encode().replace(c.target(), "<id>")).as("A's order must look nonexistent")
                        .isEqualTo(unknown.body().encode().replace(nowhere, "<id>"));
            }
            case OWN_DATA -> answeredFromB(reply);
        }
        assertThat(snapshotOfA()).as("A's orders and their histories").isEqualTo(before);
        onlyMarkerArrives(screensOfA, seen, mark(managerOfA, markerOfA));
    }

    @Test
    void restaurantBsScreensSeeNothingOfWhatRestaurantADoes() throws Exception {
        onlyMarkerArrives(screensOfB, counts(screensOfB), mark(managerOfB, markerOfB));
        int[] seenByB = counts(screensOfB);
        int[] seenByA = counts(screensOfA);

        // Every kind of event A can cause: created, updated, status changes, table ready and completed, a
        // cancellation, alerts to the restaurant and to a station, by REST and by socket.
        String id = managerOfA.ok("POST", "/orders", orderOfA("7", "kitchen", "bar", null)).getString("id");
        managerOfA.ok("PATCH", "/orders/" + id, new JsonObject().put("notes", SECRET_OF_A + " again"));
        for (String status : List.of("confirmed", "preparing", "ready")) {
            managerOfA.ok("PATCH", "/orders/" + id + "/status", new JsonObject().put("status", status));
        }
        managerOfA.ok("POST", "/tables/7/complete", null);
        String cancelled = managerOfA.ok("POST", "/orders", orderOfA("8", "bar")).getString("id");
        managerOfA.ok("DELETE", "/orders/" + cancelled, new JsonObject().put("reason", SECRET_OF_A));
        managerOfA.ok("POST", "/alerts", alert().put("station", "bar"));
        try (RawSocketIo kitchen = RawSocketIo.connect(app.port(), token("kitchen", A))) {
            ok(kitchen.call("join:restaurant", A.toString()));
            ok(kitchen.call("kitchen:alert", alert().put("message", SECRET_OF_A)));
        }
        // A's own screens got all of it (else B seeing nothing would prove nothing).
        Witness roomOfA = screensOfA.get(0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(names(roomOfA, seenByA[0]))
                .containsExactly("order:created", "order:updated", "order:status_changed", "order:status_changed",
                        "order:status_changed", "table:ready", "order:status_changed", "table:completed",
                        "order:created", "order:status_changed", "order:deleted", "kitchen:alert"));

        onlyMarkerArrives(screensOfB, seenByB, mark(managerOfB, markerOfB));
        // A's batched screens may still be waiting for the last batch: let it arrive before the next test.
        onlyAfterwardsMarkerArrives(screensOfA, mark(managerOfA, markerOfA));
    }

    /** {@code {success: false, error: {code, message}}}, with this HTTP status over REST. */
    private static void refused(Reply reply, String code, int httpStatus) {
        if (reply.status() != 0) {
            assertThat(reply.status()).as("HTTP status of %s", reply.body()).isEqualTo(httpStatus);
        }
        JsonObject body = reply.body();
        assertThat(body.fieldNames()).as("fields of %s", body).containsExactlyInAnyOrder("success", "error");
        assertThat(body.getValue("success")).isEqualTo(false);
        JsonObject error = body.getJsonObject("error");
        assertThat(error.fieldNames()).as("fields of %s", error).containsExactlyInAnyOrder("code", "message");
        assertThat(error.getString("code")).as("code of %s", error).isEqualTo(code);
    }

    /** A success that shows B's own restaurant and nothing of A's orders. */
    private static void answeredFromB(Reply reply) {
        JsonObject body = reply.body();
        if (reply.status() != 0) {
            assertThat(reply.status()).as("HTTP status of %s", body).isIn(200, 201);
        } else {
            assertThat(body.getValue("success")).as("success of %s", body).isEqualTo(true);
            JsonObject data = body.getJsonObject("data");
            String restaurant = data.getString("restaurantId", data.getString("restaurant_id"));
            assertThat(restaurant).as("restaurant of %s", data).isEqualTo(B.toString());
        }
        String text = body.encode();
        assertThat(ordersOfA).as("A's orders in %s", text).noneMatch(text::contains);
        assertThat(text).doesNotContain(A.toString());
    }

    /** A's orders (every status) and their histories, as A's manager sees them; A's marker order left out. */
    private static String snapshotOfA() {
        JsonArray orders = managerOfA.ok("GET", "/orders?limit=500&status="
                + String.join(",", ALL_STATUSES.<String>getList()), null).getJsonArray("orders");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < orders.size(); i++) {
            JsonObject order = orders.getJsonObject(i);
            if (!order.getString("id").equals(markerOfA)) {
                all.append(order.encode())
                        .append(managerOfA.ok("GET", "/orders/" + order.getString("id") + "/history", null).encode());
            }
        }
        return all.toString();
    }

    /** Gives the marker order new notes (an {@code order:updated} for every screen of its restaurant). */
    private static String mark(Rest manager, String markerOrder) {
        String marker = "marker-" + ++markers;
        manager.ok("PATCH", "/orders/" + markerOrder, new JsonObject().put("notes", marker));
        return marker;
    }

    /** Waits for each screen to receive the marker and checks that it is all it received since {@code seen}. */
    private static void onlyMarkerArrives(List<Witness> screens, int[] seen, String marker) {
        for (int i = 0; i < screens.size(); i++) {
            Witness screen = screens.get(i);
            List<RawSocketIo.Received> got = awaitMarker(screen, seen[i], marker);
            assertThat(got).as("what %s received", screen.name()).hasSize(1);
            Object data = got.get(0).data();
            JsonObject update;
            if (screen.batched()) {
                assertThat(got.get(0).name()).isEqualTo("orders:batch_update");
                JsonArray batch = (JsonArray) data;
                assertThat(batch).as("the batch %s received", screen.name()).hasSize(1);
                assertThat(batch.getJsonObject(0).getString("event")).isEqualTo("order:updated");
                update = batch.getJsonObject(0).getJsonObject("data");
            } else {
                assertThat(got.get(0).name()).isEqualTo("order:updated");
                update = (JsonObject) data;
            }
            assertThat(update.getJsonObject("order").getString("notes")).isEqualTo(marker);
        }
    }

    /** Waits for each screen to receive the marker, whatever came before it. */
    private static void onlyAfterwardsMarkerArrives(List<Witness> screens, String marker) {
        for (Witness screen : screens) {
            awaitMarker(screen, 0, marker);
        }
    }

    private static List<RawSocketIo.Received> awaitMarker(Witness screen, int seen, String marker) {
        return await().alias(screen.name() + " receiving " + marker).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> screen.socket().events().stream().skip(seen).toList(),
                        events -> events.stream().anyMatch(e -> String.valueOf(e.data()).contains(marker)));
    }

    private static int[] counts(List<Witness> screens) {
        return screens.stream().mapToInt(w -> w.socket().events().size()).toArray();
    }

    private static List<String> names(Witness screen, int seen) {
        return screen.socket().events().stream().skip(seen).map(RawSocketIo.Received::name).toList();
    }

    // ---- fixtures ------------------------------------------------------------------------

    private static boolean may(String role, String needs) {
        if (needs.equals(FEED)) {
            return SCOPES.get(role).contains("orders:read") && !role.equals("customer");
        }
        return SCOPES.get(role).contains(needs);
    }

    private static String token(String role, UUID restaurant) {
        return minter.mint("user-" + role + "-of-" + restaurant, role, restaurant, List.of(), List.of(),
                Duration.ofHours(1));
    }

    private static String base() {
        return "http://127.0.0.1:" + app.port();
    }

    private static void ok(JsonObject reply) {
        assertThat(reply.getBoolean("success")).as("reply %s", reply).isTrue();
    }

    /** An order with one item per station named (null: an item for every station). */
    private static JsonObject order(String table, String... stations) {
        JsonArray items = new JsonArray();
        for (String station : stations) {
            JsonObject item = new JsonObject().put("name", "Dish for " + station).put("quantity", 1).put("price", 9.5);
            items.add(station == null ? item : item.put("station", station));
        }
        JsonObject order = new JsonObject().put("type", table == null ? "takeout" : "dine-in").put("items", items);
        return table == null ? order : order.put("table_number", table);
    }

    /** An order of A: it carries A's secret. */
    private static JsonObject orderOfA(String table, String... stations) {
        return order(table, stations).put("customer_name", SECRET_OF_A + " guest").put("notes", SECRET_OF_A);
    }

    private static JsonObject status(String orderId, String status) {
        return new JsonObject().put("orderId", orderId).put("status", status);
    }

    private static JsonObject alert() {
        return new JsonObject().put("type", "urgent").put("message", "86 the fish").put("severity", 5);
    }
}
