package com.restaurantos.realtime;

import com.restaurantos.auth.Scope;
import com.restaurantos.orders.AlertDraft;
import com.restaurantos.orders.KitchenAlerts;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;
import com.restaurantos.wire.OrderJson;

import java.util.UUID;

/** {@code kitchen:alert}: checked and published; the fan-out sends it to the restaurant or one station. */
final class KitchenAlertHandler implements ClientEventHandler {
    private final KitchenAlerts alerts;
    private final Work work;

    KitchenAlertHandler(KitchenAlerts alerts, Work work) {
        this.alerts = alerts;
        this.work = work;
    }

    @Override
    public String event() {
        return "kitchen:alert";
    }

    @Override
    public void handle(Socket socket, SocketSession session, Event event) {
        Payload payload = Payload.object(event.arg(), event());
        AlertDraft draft = new AlertDraft(payload.text("type"), payload.text("message"), payload.integer("severity"),
                payload.text("orderId"), payload.textOrNumber("tableNumber"), payload.text("station"));
        String requested = payload.text("restaurantId");
        session.principal().require(Scope.KITCHEN_ALERT);
        UUID restaurant = RestaurantScope.resolve(session, requested);
        work.run(socket, session, event, () -> alerts.raise(session.actor(), restaurant, draft), OrderJson::alert);
    }
}
