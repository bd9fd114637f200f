package com.restaurantos.realtime;

import com.restaurantos.auth.Scope;
import com.restaurantos.wire.OrderJson;
import com.restaurantos.orders.OrderService;
import com.restaurantos.orders.OrderStatus;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;

import java.util.UUID;

/** {@code order:update_status}: one transition of the contract's table; the service broadcasts it. */
final class UpdateStatusHandler implements ClientEventHandler {
    private final OrderService orders;
    private final Work work;

    UpdateStatusHandler(OrderService orders, Work work) {
        this.orders = orders;
        this.work = work;
    }

    @Override
    public String event() {
        return "order:update_status";
    }

    @Override
    public void handle(Socket socket, SocketSession session, Event event) {
        Payload payload = Payload.object(event.arg(), event());
        UUID orderId = Ids.uuid("orderId", payload.requiredText("orderId"));
        OrderStatus status = OrderStatus.parse("status", payload.requiredText("status"));
        String requested = payload.text("restaurantId");
        session.principal().require(Scope.ORDERS_STATUS);
        UUID restaurant = RestaurantScope.resolve(session, requested);
        work.run(socket, session, event,
                () -> orders.changeStatus(session.actor(), restaurant, orderId, status),
                OrderJson::order);
    }
}
