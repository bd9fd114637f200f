package com.restaurantos.realtime;

import com.restaurantos.auth.Scope;
import com.restaurantos.orders.OrderService;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;
import com.restaurantos.wire.OrderJson;

import java.util.UUID;

/** {@code table:complete}: every active order of the table becomes completed; the service broadcasts it. */
final class TableCompleteHandler implements ClientEventHandler {
    private final OrderService orders;
    private final Work work;

    TableCompleteHandler(OrderService orders, Work work) {
        this.orders = orders;
        this.work = work;
    }

    @Override
    public String event() {
        return "table:complete";
    }

    @Override
    public void handle(Socket socket, SocketSession session, Event event) {
        Payload payload = Payload.object(event.arg(), event());
        String table = payload.textOrNumber("tableNumber");
        if (table == null) {
            throw new PayloadException("tableNumber is required");
        }
        String requested = payload.text("restaurantId");
        session.principal().require(Scope.ORDERS_STATUS);
        UUID restaurant = RestaurantScope.resolve(session, requested);
        work.run(socket, session, event,
                () -> orders.completeTable(session.actor(), restaurant, table),
                OrderJson::tableCompletion);
    }
}
