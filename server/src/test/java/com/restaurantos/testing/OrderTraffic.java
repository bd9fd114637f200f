package com.restaurantos.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream of REST writes from several terminals, each remembering what the server acknowledged (a 2xx
 * answer), and the check, later and possibly after a crash and a restart, that all of it is stored and that
 * nothing is half-written. Each terminal creates orders (one to four items, some with modifiers) and walks each
 * through its statuses, one request at a time; every fifth order is cancelled instead of completed. An order's
 * {@code customer_name} is its key, from which its items can be told again.
 */
public final class OrderTraffic {
    private static final List<String> ALL_STATUSES = List.of("new", "pending", "confirmed", "preparing", "ready",
            "picked-up", "completed", "cancelled");
    private static final List<String> COMPLETED = List.of("new", "confirmed", "preparing", "ready", "completed");
    private static final List<String> CANCELLED = List.of("new", "confirmed", "cancelled");

    /** One order as its terminal knows it. */
    private static final class Tracked {
        final String key;
        final List<String> path;
        volatile String id;
        /** How far along its path the server acknowledged: 0 = creation acknowledged, -1 = not even that. */
        volatile int acked = -1;
        /** The step under way when the terminal stopped hearing from the server, or -1. */
        volatile int inFlight = -1;

        Tracked(String key, List<String> path) {
            this.key = key;
            this.path = path;
        }
    }

    /** What the terminals did: requests acknowledged, refused (non-2xx) and unanswered. */
    public record Counts(int creates, int statusChanges, int refused, int unanswered) {
        public int acknowledged() {
            return creates + statusChanges;
        }
    }

    /** What {@link #verify} checked. */
    public record Verified(int orders, int acknowledgedCreates, int acknowledgedChanges, int inFlightApplied,
                           int inFlightNotApplied, int items, int historyEntries) {
    }

    private final String run;
    private final int terminals;
    private final Queue<Tracked> tracked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Queue<String> refused = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Rest rest;

    /** @param run a prefix for the keys, unique per test */
    public OrderTraffic(String run, int terminals) {
        this.run = run;
        this.terminals = terminals;
    }

    /** Starts the terminals against this server. */
    public void start(Rest target) {
        this.rest = target;
        for (int t = 0; t < terminals; t++) {
            int terminal = t;
            Thread thread = new Thread(() -> terminal(terminal), "terminal-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Waits until the server has acknowledged this many writes; fails if the terminals stop before. */
    public void awaitAcknowledged(int writes, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (counts().acknowledged() < writes) {
            assertThat(refused).as("writes the server refused").isEmpty();
            if (System.currentTimeMillis() > deadline || threads.stream().noneMatch(Thread::isAlive)) {
                throw new AssertionError("only " + counts() + " after " + timeoutMillis + " ms");
            }
            Thread.sleep(5);
        }
    }

    /** Stops the terminals (each finishes or loses its request under way) and returns what they did. */
    public Counts stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).as(thread.getName() + " stopped").isFalse();
        }
        return counts();
    }

    public Counts counts() {
        return new Counts(creates.get(), changes.get(), refused.size(), unanswered.get());
    }

    /** The answers that were neither 2xx nor missing: none is expected, even while a server stops. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    private void terminal(int terminal) {
        for (int n = 0; !stopping; n++) {
            String key = run + "-t" + terminal + "-" + n;
            Tracked order = new Tracked(key, n % 5 == 4 ? CANCELLED : COMPLETED);
            tracked.add(order);
            for (int step = 0; step < order.path.size() && !stopping; step++) {
                order.inFlight = step;
                Rest.Response response;
                try {
                    response = step == 0 ? rest.call("POST", "/orders", newOrder(key))
                            : "cancelled".equals(order.path.get(step))
                            ? rest.call("DELETE", "/orders/" + order.id, new JsonObject().put("reason", "guest left"))
                            : rest.call("PATCH", "/orders/" + order.id + "/status",
                            new JsonObject().put("status", order.path.get(step)));
                } catch (IOException e) {
                    // The server went away with this request: it may or may not have been applied.
                    unanswered.incrementAndGet();
                    return;
                }
                if (!response.ok()) {
                    refused.add(key + " step " + step + ": " + response.status() + " " + response.body());
                    order.inFlight = -1;
                    return;
                }
                if (step == 0) {
                    order.id = response.body().getString("id");
                    creates.incrementAndGet();
                } else {
                    changes.incrementAndGet();
                }
                order.acked = step;
                order.inFlight = -1;
            }
        }
    }

    /** The items of the order with this key: one to four, some with a modifier, at a kitchen or the bar. */
    static JsonArray itemsOf(String key) {
        int count = 1 + Math.floorMod(key.hashCode(), 4);
        JsonArray items = new JsonArray();
        for (int i = 0; i < count; i++) {
            JsonObject item = new JsonObject()
                    .put("name", "dish " + i + " of " + key)
                    .put("quantity", i + 1)
                    .put("price", new BigDecimal("2.25").multiply(BigDecimal.valueOf(i + 1)))
                    .put("station", i % 2 == 0 ? "kitchen" : "bar");
            if (i % 2 == 1) {
                item.put("modifiers", new JsonArray().add(new JsonObject().put("name", "extra " + i).put("price", 0.5)));
            }
            items.add(item);
        }
        return items;
    }

    private static JsonObject newOrder(String key) {
        return new JsonObject().put("type", "dine-in").put("table_number", "T" + Math.floorMod(key.hashCode(), 40))
                .put("customer_name", key).put("items", itemsOf(key));
    }

    /**
     * Checks, through the REST API of a server (the same or a restarted one), that every acknowledged write is
     * stored and that every stored order of this run is whole: all its items, totals that add up, a status its
     * terminal was told or was asking for when the server went away, and a history that leads to that status.
     */
    public Verified verify(Rest reader) {
        Map<String, JsonObject> stored = new HashMap<>();
        for (int offset = 0; ; offset += 500) {
            JsonObject page = reader.ok("GET", "/orders?status=" + String.join(",", ALL_STATUSES)
                    + "&limit=500&offset=" + offset, null);
            JsonArray orders = page.getJsonArray("orders");
            for (int i = 0; i < orders.size(); i++) {
                JsonObject order = orders.getJsonObject(i);
                String key = order.getString("customer_name");
                if (key != null && key.startsWith(run + "-")) {
                    assertThat(stored.put(key, order)).as("one order per key " + key).isNull();
                }
            }
            if (orders.size() < 500) {
                break;
            }
        }
        Map<String, Tracked> byKey = new HashMap<>();
        tracked.forEach(t -> byKey.put(t.key, t));
        int acknowledgedCreates = 0;
        int acknowledgedChanges = 0;
        int inFlightApplied = 0;
        int inFlightNotApplied = 0;
        int items = 0;
        int history = 0;
        for (Tracked order : byKey.values()) {
            JsonObject found = stored.get(order.key);
            if (order.acked >= 0) {
                acknowledgedCreates++;
                acknowledgedChanges += order.acked;
                assertThat(found).as("acknowledged order " + order.key + " is stored").isNotNull();
                assertThat(found.getString("id")).isEqualTo(order.id);
            }
            if (found == null) {
                // Never acknowledged: its creation was refused, or under way when the server went away.
                if (order.inFlight == 0) {
                    inFlightNotApplied++;
                }
                continue;
            }
            int step = order.path.indexOf(found.getString("status"));
            assertThat(step).as(order.key + ": status " + found.getString("status") + " is on its path " + order.path)
                    .isGreaterThanOrEqualTo(0);
            assertThat(step).as(order.key + ": the stored status is the last acknowledged one, or the one under way")
                    .isIn(order.acked, order.inFlight);
            if (order.inFlight >= 0) {
                if (step == order.inFlight) {
                    inFlightApplied++;
                } else {
                    inFlightNotApplied++;
                }
            }
            items += checkWhole(order.key, found);
            history += checkHistory(reader, order, found, step);
        }
        assertThat(stored.keySet()).as("every stored order of this run was sent by a terminal")
                .isSubsetOf(byKey.keySet());
        return new Verified(stored.size(), acknowledgedCreates, acknowledgedChanges, inFlightApplied,
                inFlightNotApplied, items, history);
    }

    private static int checkWhole(String key, JsonObject found) {
        JsonArray expected = itemsOf(key);
        JsonArray items = found.getJsonArray("items");
        assertThat(items.size()).as(key + ": all its items").isEqualTo(expected.size());
        BigDecimal subtotal = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            JsonObject sent = expected.getJsonObject(i);
            assertThat(item.getString("name")).isEqualTo(sent.getString("name"));
            assertThat(item.getInteger("quantity")).isEqualTo(sent.getInteger("quantity"));
            assertThat(money(item.getValue("price"))).isEqualByComparingTo(money(sent.getValue("price")));
            JsonArray modifiers = item.getJsonArray("modifiers", new JsonArray());
            assertThat(modifiers.size()).as(key + ": the modifiers of item " + i)
                    .isEqualTo(sent.getJsonArray("modifiers", new JsonArray()).size());
            BigDecimal unit = money(item.getValue("price"));
            for (int m = 0; m < modifiers.size(); m++) {
                unit = unit.add(money(modifiers.getJsonObject(m).getValue("price")));
            }
            subtotal = subtotal.add(unit.multiply(BigDecimal.valueOf(item.getInteger("quantity"))));
        }
        assertThat(money(found.getValue("subtotal"))).as(key + ": subtotal").isEqualByComparingTo(subtotal);
        assertThat(money(found.getValue("total"))).as(key + ": total")
                .isEqualByComparingTo(money(found.getValue("subtotal")).add(money(found.getValue("tax"))));
        return items.size();
    }

    private static int checkHistory(Rest reader, Tracked order, JsonObject found, int step) {
        JsonArray history = reader.ok("GET", "/orders/" + found.getString("id") + "/history", null)
                .getJsonArray("history");
        List<String> chain = new ArrayList<>();
        AtomicReference<String> previous = new AtomicReference<>();
        for (int i = 0; i < history.size(); i++) {
            JsonObject change = history.getJsonObject(i);
            assertThat(change.getString("from")).as(order.key + ": history entry " + i + " starts where the last ended")
                    .isEqualTo(previous.get());
            previous.set(change.getString("to"));
            chain.add(change.getString("to"));
        }
        assertThat(chain).as(order.key + ": the history leads to the stored status")
                .isEqualTo(order.path.subList(0, step + 1));
        return history.size();
    }

    private static BigDecimal money(Object value) {
        return new BigDecimal(String.valueOf(value)).setScale(2, RoundingMode.HALF_UP);
    }
}
