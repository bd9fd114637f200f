package com.restaurantos.realtime;

import com.restaurantos.auth.Scope;
import com.restaurantos.wire.OrderJson;
import com.restaurantos.orders.OrderQuery;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code orders:sync}: the restaurant's orders in the asked statuses (default: the active ones),
 * oldest first, as {@code orders:sync:complete} and in the ack.
 */
final class OrdersSyncHandler implements ClientEventHandler {
    private final OrderService orders;
    private final Work work;
    private final Clock clock;

    OrdersSyncHandler(OrderService orders, Work work, Clock clock) {
        this.orders = orders;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public String event() {
        return "orders:sync";
    }

    @Override
    public void handle(Socket socket, SocketSession session, Event event) {
        Payload payload = event.arg() == null ? null : Payload.object(event.arg(), event());
        String requested = payload == null ? null : payload.text("restaurantId");
        List<String> names = payload == null ? null : payload.texts("statuses");
        Set<OrderStatus> statuses = EnumSet.noneOf(OrderStatus.class);
        if (names == null) {
            statuses.addAll(OrderStatus.active());
        } else {
            for (String name : names) {
                statuses.add(OrderStatus.parse("statuses", name));
            }
        }
        session.principal().require(Scope.ORDERS_READ);
        UUID restaurant = RestaurantScope.resolve(session, requested);
        work.run(socket, session, event,
                () -> orders.list(session.actor(), restaurant, OrderQuery.all().withStatuses(statuses)).orders(),
                list -> {
                    JsonArray wire = new JsonArray();
                    list.forEach(o -> wire.add(OrderJson.order(o)));
                    JsonArray statusNames = new JsonArray();
                    statuses.forEach(s -> statusNames.add(s.wire()));
                    JsonObject data = new JsonObject()
                            .put("restaurantId", restaurant.toString())
                            .put("orders", wire)
                            .put("statuses", statusNames)
                            .put("syncedAt", clock.instant().toString());
                    socket.emit("orders:sync:complete", data);
                    return data;
                });
    }
}
