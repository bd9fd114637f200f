package com.restaurantos.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Creates orders ({@code POST /api/v1/orders}) and moves them through new → confirmed → preparing →
 * ready → completed ({@code PATCH /api/v1/orders/{id}/status}) at an offered rate of REST calls per
 * second, on one event loop of its own. An order waiting for its next status goes first; else a
 * new order is created, for the restaurants in turn. Calls beyond {@code maxInFlight} are not sent
 * and are counted as unsent. Every call is stamped in {@link Stamps} before it is sent.
 */
final class RestDriver implements AutoCloseable {
    private static final long TICK_MILLIS = 1;

    /** The figures of one step, by the step the calls were sent in. */
    static final class StepCounts {
        long sent;
        long ok;
        long errors;
        long unsent;
        long expectedDeliveries;
        final LatencyHistogram rest = new LatencyHistogram();
    }

    private static final class OrderState {
        final UUID id;
        final int restaurant;
        int lifecycle;

        OrderState(UUID id, int restaurant) {
            this.id = id;
            this.restaurant = restaurant;
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final HttpClientAgent http;
    private final String host;
    private final int port;
    private final String prefix;
    private final Stamps stamps;
    private final List<UUID> restaurants;
    private final List<String> authorizations;
    private final IntUnaryOperator subscribersOf;
    private final String itemsJson;
    private final int maxInFlight;
    private final StepCounts[] steps;
    private final ArrayDeque<OrderState> waiting = new ArrayDeque<>();
    private final int[] callsSentTo;
    private Outcomes outcomes = (op, ok, nanos) -> { };
    private long nextSeq;
    private int nextRestaurant;
    private int inFlight;
    private int step = -1;
    private double rate;
    private long stepStart;
    private long issuedInStep;
    private long timer = -1;
    private final java.util.Map<String, Long> errorKinds = new java.util.TreeMap<>();

    RestDriver(URI url, List<UUID> restaurants, List<String> writerTokens, IntUnaryOperator subscribersOf,
               Stamps stamps, int items, int connections, int maxInFlight, int stepCount) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setPreferNativeTransport(true));
        this.context = vertx.getOrCreateContext();
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : 80;
        this.prefix = "/api/v1";
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        this.restaurants = restaurants;
        this.authorizations = writerTokens.stream().map(t -> "Bearer " + t).toList();
        this.subscribersOf = subscribersOf;
        this.stamps = stamps;
        this.itemsJson = items(items);
        this.maxInFlight = maxInFlight;
        this.callsSentTo = new int[restaurants.size()];
        this.steps = new StepCounts[stepCount];
        for (int i = 0; i < stepCount; i++) {
            steps[i] = new StepCounts();
        }
    }

    /** The items of every order: a ticket of {@code n} dishes across the kitchen and the bar. */
    static String items(int n) {
        String[][] menu = {{"Burger", "12.5", "kitchen"}, {"Fries", "4.25", "kitchen"}, {"Caesar salad", "9.75", "kitchen"},
                {"Lemonade", "3.5", "bar"}, {"Pale ale", "6", "bar"}, {"Cheesecake", "7.25", "kitchen"}};
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            String[] dish = menu[i % menu.length];
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"name\":\"").append(dish[0]).append("\",\"quantity\":").append(1 + i % 3)
                    .append(",\"price\":").append(dish[1]).append(",\"station\":\"").append(dish[2]).append("\"}");
        }
        return json.append(']').toString();
    }

    /** Hears how each call ended, on the driver's loop. */
    interface Outcomes {
        /** @param ok whether the server answered with the expected status; {@code nanos} when the answer came */
        void answered(Stamps.Op op, boolean ok, long nanos);
    }

    /** Tells {@code listener} how each call ends from now on; set it before the first step. */
    void onAnswered(Outcomes listener) {
        onLoop(() -> {
            outcomes = listener;
            return null;
        });
    }

    /** Starts offering {@code callsPerSecond} from now on, counted as step {@code index}; 0 stops offering. */
    void step(int index, double callsPerSecond) {
        onLoop(() -> {
            step = index;
            rate = callsPerSecond;
            stepStart = System.nanoTime();
            issuedInStep = 0;
            if (timer < 0) {
                timer = vertx.setPeriodic(TICK_MILLIS, t -> tick());
            }
            return null;
        });
    }

    /** Stops offering and waits up to {@code millis} for the calls in flight to be answered. */
    void stop(long millis) throws InterruptedException {
        onLoop(() -> {
            rate = 0;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (onLoop(() -> inFlight) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    StepCounts counts(int index) {
        return onLoop(() -> steps[index]);
    }

    java.util.Map<String, Long> errorKinds() {
        return onLoop(() -> new java.util.TreeMap<>(errorKinds));
    }

    private <T> T onLoop(Supplier<T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.join();
    }

    private void tick() {
        if (rate <= 0 || step < 0) {
            return;
        }
        long due = (long) ((System.nanoTime() - stepStart) / 1e9 * rate) - issuedInStep;
        for (long i = 0; i < due; i++) {
            issuedInStep++;
            if (inFlight >= maxInFlight) {
                steps[step].unsent++;
                continue;
            }
            OrderState next = waiting.poll();
            if (next == null) {
                create();
            } else {
                advance(next);
            }
        }
    }

    private void create() {
        int restaurant = nextRestaurant;
        nextRestaurant = (nextRestaurant + 1) % restaurants.size();
        long seq = nextSeq++;
        String body = "{\"type\":\"takeout\",\"customer_name\":\"Bench\",\"items\":" + itemsJson + ",\"notes\":\""
                + Stamps.NOTES_PREFIX + seq + "\"}";
        Stamps.Op op = new Stamps.Op(seq, System.nanoTime(), step, restaurant, callsSentTo[restaurant]++);
        stamps.created(op);
        send(HttpMethod.POST, prefix + "/orders", restaurant, body, op, 201, json -> {
            OrderState order = new OrderState(UUID.fromString(json.getString("id")), restaurant);
            waiting.add(order);
        });
    }

    private void advance(OrderState order) {
        int next = order.lifecycle + 1;
        Stamps.Op op = new Stamps.Op(-1, System.nanoTime(), step, order.restaurant, callsSentTo[order.restaurant]++);
        stamps.statusChange(order.id, next, op);
        send(HttpMethod.PATCH, prefix + "/orders/" + order.id + "/status", order.restaurant,
                "{\"status\":\"" + Stamps.LIFECYCLE[next] + "\"}", op, 200, json -> {
                    order.lifecycle = next;
                    if (next < Stamps.LIFECYCLE.length - 1) {
                        waiting.add(order);
                    }
                });
    }

    private void send(HttpMethod method, String uri, int restaurant, String body, Stamps.Op op, int expected,
                      java.util.function.Consumer<JsonObject> onOk) {
        StepCounts counts = steps[op.step()];
        counts.sent++;
        inFlight++;
        int subscribers = subscribersOf.applyAsInt(restaurant);
        RequestOptions request = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(uri)
                .putHeader("Authorization", authorizations.get(restaurant))
                .putHeader("Content-Type", "application/json");
        http.request(request)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> {
                    if (resp.statusCode() != expected) {
                        throw new IllegalStateException("HTTP " + resp.statusCode() + " " + firstWords(b.toString()));
                    }
                    return b.toJsonObject();
                }))
                .onComplete(ar -> {
                    inFlight--;
                    long answered = System.nanoTime();
                    counts.rest.record((answered - op.sentNanos()) / 1_000);
                    outcomes.answered(op, ar.succeeded(), answered);
                    if (ar.succeeded()) {
                        counts.ok++;
                        counts.expectedDeliveries += subscribers;
                        onOk.accept(ar.result());
                    } else {
                        counts.errors++;
                        errorKinds.merge(BenchConnection.describe(ar.cause()), 1L, Long::sum);
                    }
                });
    }

    private static String firstWords(String s) {
        return s.length() > 100 ? s.substring(0, 100) : s;
    }

    @Override
    public void close() {
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
    }
}
