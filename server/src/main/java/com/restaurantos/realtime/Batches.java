package com.restaurantos.realtime;

import com.restaurantos.socketio.Namespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Order events for sockets that asked for batching, collected per restaurant and sent every
 * interval as one {@code orders:batch_update} {@code [{event, data}, ...]}, in the order they happened.
 *
 * <p>Collected while the restaurant has a batched socket, and for the recovery window after its last
 * batched socket left: the batches go to the restaurant's batched room even when it is empty, so that
 * the recovery log holds them for a screen that comes back with its session. Nothing is collected for a
 * restaurant without batched screens.
 */
final class Batches {
    private final Namespace namespace;
    private final Duration keepCollecting;
    private final Clock clock;
    private final Map<UUID, Queue<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastBatchedLeft = new ConcurrentHashMap<>();

    /** {@code keepCollecting}: how long a batched screen that left may come back and recover what it missed. */
    Batches(Namespace namespace, Duration keepCollecting, Clock clock) {
        this.namespace = namespace;
        this.keepCollecting = keepCollecting;
        this.clock = clock;
    }

    void add(UUID restaurant, String event, JsonObject data) {
        if (!collecting(restaurant)) {
            return;
        }
        pending.computeIfAbsent(restaurant, r -> new ConcurrentLinkedQueue<>())
                .add(new JsonObject().put("event", event).put("data", data));
    }

    /** A batched socket of the restaurant disconnected; it may come back within the recovery window. */
    void left(UUID restaurant) {
        lastBatchedLeft.put(restaurant, clock.instant());
    }

    private boolean collecting(UUID restaurant) {
        if (namespace.adapter().rooms().contains(Rooms.batched(restaurant))) {
            return true;
        }
        Instant left = lastBatchedLeft.get(restaurant);
        if (left == null) {
            return false;
        }
        if (clock.instant().isAfter(left.plus(keepCollecting))) {
            lastBatchedLeft.remove(restaurant, left);
            return false;
        }
        return true;
    }

    /** Sends what each restaurant collected since the last flush. */
    void flush() {
        for (Map.Entry<UUID, Queue<JsonObject>> entry : pending.entrySet()) {
            Queue<JsonObject> queue = entry.getValue();
            JsonArray batch = new JsonArray();
            for (JsonObject item = queue.poll(); item != null; item = queue.poll()) {
                batch.add(item);
            }
            if (!batch.isEmpty()) {
                namespace.to(Rooms.batched(entry.getKey())).emit("orders:batch_update", batch);
            } else {
                pending.remove(entry.getKey(), queue);
            }
        }
    }
}
