package com.restaurantos.realtime;

import com.restaurantos.orders.DomainEvent;
import com.restaurantos.orders.DomainEvent.KitchenAlertRaised;
import com.restaurantos.orders.DomainEvent.OrderCancelled;
import com.restaurantos.orders.DomainEvent.OrderCreated;
import com.restaurantos.orders.DomainEvent.OrderStatusChanged;
import com.restaurantos.orders.DomainEvent.OrderUpdated;
import com.restaurantos.orders.DomainEvent.TableCompleted;
import com.restaurantos.orders.DomainEvent.TableReady;
import com.restaurantos.orders.Order;
import com.restaurantos.orders.OrderItem;
import com.restaurantos.orders.Station;
import com.restaurantos.socketio.Namespace;
import com.restaurantos.wire.OrderJson;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Turns committed domain events into the server's events (contract section 3) and sends each to
 * who should see it, encoded once:
 * <ul>
 *   <li>order events to the restaurant room, except sockets that joined a station (they get the
 *       events of orders with items for their station; {@code expo} and {@code pos} get all) and
 *       sockets that asked for batching (they get them in {@code orders:batch_update});</li>
 *   <li>table events to the whole restaurant room, batched sockets in their batch;</li>
 *   <li>kitchen alerts to the restaurant room, or to one station's room, at once for everybody.</li>
 * </ul>
 * Called on the publishing thread, in commit order per order.
 */
final class EventFanout {
    private static final Set<Station> SEE_EVERYTHING = EnumSet.of(Station.EXPO, Station.POS);

    private final Namespace namespace;
    private final Batches batches;
    private final RealtimeMetrics metrics;
    private final Clock clock;

    EventFanout(Namespace namespace, Batches batches, RealtimeMetrics metrics, Clock clock) {
        this.namespace = namespace;
        this.batches = batches;
        this.metrics = metrics;
        this.clock = clock;
    }

    void publish(DomainEvent event) {
        if (event instanceof OrderCreated e) {
            orderEvent(e.order(), "order:created", OrderJson.order(e.order()), e.order().createdAt());
        } else if (event instanceof OrderUpdated e) {
            orderEvent(e.order(), "order:updated", EventWire.updated(e), e.order().updatedAt());
        } else if (event instanceof OrderStatusChanged e) {
            orderEvent(e.order(), "order:status_changed", EventWire.statusChanged(e), e.at());
        } else if (event instanceof OrderCancelled e) {
            orderEvent(e.order(), "order:deleted", EventWire.deleted(e), e.at());
        } else if (event instanceof TableReady e) {
            tableEvent(e.restaurantId(), "table:ready", EventWire.tableReady(e), e.readyAt());
        } else if (event instanceof TableCompleted e) {
            tableEvent(e.restaurantId(), "table:completed", EventWire.tableCompleted(e), e.completedAt());
        } else if (event instanceof KitchenAlertRaised e) {
            alert(e);
        }
    }

    private void orderEvent(Order order, String name, JsonObject data, Instant at) {
        UUID restaurant = order.restaurantId();
        namespace.to(Rooms.restaurant(restaurant))
                .except(Rooms.stationMembers(restaurant), Rooms.batched(restaurant))
                .emit(name, data);
        namespace.to(stationRooms(order))
                .except(Rooms.batched(restaurant))
                .emit(name, data);
        batches.add(restaurant, name, data);
        delivered(at);
    }

    private void tableEvent(UUID restaurant, String name, JsonObject data, Instant at) {
        namespace.to(Rooms.restaurant(restaurant)).except(Rooms.batched(restaurant)).emit(name, data);
        batches.add(restaurant, name, data);
        delivered(at);
    }

    private void alert(KitchenAlertRaised e) {
        UUID restaurant = e.alert().restaurantId();
        String room = e.alert().station() == null ? Rooms.restaurant(restaurant)
                : Rooms.station(restaurant, e.alert().station());
        namespace.to(room).emit("kitchen:alert", OrderJson.alert(e.alert()));
        delivered(e.alert().at());
    }

    private static String[] stationRooms(Order order) {
        Set<Station> stations = EnumSet.copyOf(SEE_EVERYTHING);
        for (OrderItem item : order.items()) {
            if (item.station() == null) {
                // An item without a station is for every station.
                stations.addAll(EnumSet.allOf(Station.class));
            } else {
                stations.add(item.station());
            }
        }
        return stations.stream().map(s -> Rooms.station(order.restaurantId(), s)).toArray(String[]::new);
    }

    private void delivered(Instant committedAt) {
        metrics.delivered(Duration.between(committedAt, clock.instant()));
    }
}
