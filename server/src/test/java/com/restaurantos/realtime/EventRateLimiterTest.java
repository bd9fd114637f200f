package com.restaurantos.realtime;

import com.restaurantos.orders.DomainEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * At most {@code limit} events of one name per socket in any second; the excess refused and not processed.
 * The window itself is tested on a fake nano clock; the refusal on a server, where the limit is {@value LIMIT}.
 */
class EventRateLimiterTest {
    private static final long MS = 1_000_000L;
    private static final int LIMIT = 3;

    private static RealtimeServer server;

    private long now = 5_000 * MS;
    private final Replies replies = new Replies(new RealtimeMetrics(new SimpleMeterRegistry(), Set.of()));

    @BeforeAll
    static void start() throws Exception {
        server = new RealtimeServer(new RealtimeSettings(LIMIT, Duration.ofMillis(100), Duration.ofMinutes(15),
                Duration.ofMinutes(20), Duration.ofHours(1)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @AfterEach
    void closeClients() {
        server.closeClients();
    }

    private EventRateLimiter limiter(int limit) {
        return new EventRateLimiter(limit, () -> now, replies);
    }

    @Test
    void admitsUpToTheLimitOfOneNameInOneSecondAndRefusesTheRest() {
        EventRateLimiter limiter = limiter(3);

        assertThat(List.of(limiter.admit("order:update_status"), limiter.admit("order:update_status"),
                limiter.admit("order:update_status"))).containsOnly(true);
        assertThat(limiter.admit("order:update_status")).isFalse();
        now += 999 * MS;
        assertThat(limiter.admit("order:update_status")).isFalse();
    }

    @Test
    void eachNameHasItsOwnLimit() {
        EventRateLimiter limiter = limiter(2);
        limiter.admit("kitchen:alert");
        limiter.admit("kitchen:alert");

        assertThat(limiter.admit("kitchen:alert")).isFalse();
        assertThat(limiter.admit("orders:sync")).isTrue();
        assertThat(limiter.admit("orders:sync")).isTrue();
        assertThat(limiter.admit("orders:sync")).isFalse();
    }

    @Test
    void recoversOnceTheWindowHasPassed() {
        EventRateLimiter limiter = limiter(2);
        limiter.admit("join:station");
        limiter.admit("join:station");
        assertThat(limiter.admit("join:station")).isFalse();

        now += 1_000 * MS;

        assertThat(limiter.admit("join:station")).isTrue();
        assertThat(limiter.admit("join:station")).isTrue();
        assertThat(limiter.admit("join:station")).isFalse();
    }

    @Test
    void theWindowSlidesEventByEvent() {
        EventRateLimiter limiter = limiter(2);
        limiter.admit("orders:sync");
        now += 600 * MS;
        limiter.admit("orders:sync");

        now += 400 * MS;
        assertThat(limiter.admit("orders:sync")).as("the first event is a second old").isTrue();
        assertThat(limiter.admit("orders:sync")).as("the second is 400 ms old").isFalse();
        now += 600 * MS;
        assertThat(limiter.admit("orders:sync")).isTrue();
    }

    @Test
    void refusedEventsDoNotCountAgainstTheNextWindow() {
        EventRateLimiter limiter = limiter(1);
        limiter.admit("kitchen:alert");
        for (int i = 0; i < 50; i++) {
            now += 10 * MS;
            assertThat(limiter.admit("kitchen:alert")).isFalse();
        }

        now += 500 * MS;

        assertThat(limiter.admit("kitchen:alert")).isTrue();
    }

    @Test
    void pastTheTrackedNamesEveryNewNameSharesOneWindow() {
        EventRateLimiter limiter = limiter(1);
        List<String> tracked = new ArrayList<>();
        for (int i = 0; i < EventRateLimiter.MAX_TRACKED_NAMES; i++) {
            tracked.add("name-" + i);
            assertThat(limiter.admit("name-" + i)).isTrue();
        }

        assertThat(limiter.admit("one-more")).isTrue();
        assertThat(limiter.admit("yet-another")).as("shares the window of one-more").isFalse();
        for (int i = 0; i < 10_000; i++) {
            assertThat(limiter.admit(UUID.randomUUID().toString())).isFalse();
        }
        now += 1_000 * MS;
        assertThat(limiter.admit("yet-another")).isTrue();
        for (String name : tracked) {
            assertThat(limiter.admit(name)).as("a tracked name keeps its own window").isTrue();
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> limiter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- as the gateway puts it in front of every handler, with the real clock ----------------

    @Test
    void onTheServerTheEventsPastTheLimitAreRefusedWithRateLimitAndNotProcessed() {
        UUID restaurant = UUID.randomUUID();
        TestClient kitchen = server.joined("kitchen", restaurant);
        List<CompletableFuture<JsonObject>> replies = new ArrayList<>();

        for (int i = 0; i < LIMIT + 2; i++) {
            replies.add(kitchen.ackLater("kitchen:alert", new JsonObject().put("type", "info")
                    .put("message", "alert " + i).put("severity", 1)));
        }

        List<JsonObject> answers = replies.stream().map(CompletableFuture::join).toList();
        assertThat(answers.subList(0, LIMIT)).allSatisfy(Acks::data);
        assertThat(answers.subList(LIMIT, answers.size())).allSatisfy(answer ->
                assertThat(Acks.error(answer, "RATE_LIMIT").getString("message"))
                        .isEqualTo("more than 3 'kitchen:alert' events in one second"));
        assertThat(server.publishedFor(restaurant)).filteredOn(e -> e instanceof DomainEvent.KitchenAlertRaised)
                .hasSize(LIMIT);
        kitchen.barrier();
        assertThat(kitchen.all("kitchen:alert")).hasSize(LIMIT);
        assertThat(kitchen.connected()).isTrue();
    }

    @Test
    void onTheServerWithoutAnAckTheRefusalComesAsAnErrorEventAndOtherNamesStillPass() {
        TestClient kitchen = server.connect("kitchen", UUID.randomUUID());

        for (int i = 0; i < LIMIT + 2; i++) {
            kitchen.emit("orders:sync");
        }

        assertThat(kitchen.atLeast(2, "error")).allSatisfy(error -> Acks.error(error.object(), "RATE_LIMIT"));
        assertThat(kitchen.atLeast(LIMIT, "orders:sync:complete")).hasSize(LIMIT);
        assertThat(kitchen.connected()).isTrue();
        Acks.data(kitchen.ack("join:station", new JsonObject().put("station", "bar")));
    }
}
