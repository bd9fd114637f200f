package com.restaurantos.realtime;

import com.restaurantos.socketio.Namespace;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Order events for sockets that asked for batching, collected per restaurant and sent every
 * interval as one {@code orders:batch_update} {@code [{event, data}, ...]}, in the order they happened.
 * Nothing is collected for a restaurant that has no batched socket.
 */
final class Batches {
    private final Namespace namespace;
    private final Map<UUID, Queue<JsonObject>> pending = new ConcurrentHashMap<>();

    Batches(Namespace namespace) {
        this.namespace = namespace;
    }

    void add(UUID restaurant, String event, JsonObject data) {
        if (!namespace.adapter().rooms().contains(Rooms.batched(restaurant))) {
            return;
        }
        pending.computeIfAbsent(restaurant, r -> new ConcurrentLinkedQueue<>())
                .add(new JsonObject().put("event", event).put("data", data));
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
