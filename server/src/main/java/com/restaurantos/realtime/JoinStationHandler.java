package com.restaurantos.realtime;

import com.restaurantos.orders.Station;
import com.restaurantos.orders.ValidationException;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * {@code join:station}: joins a station's room, and the restaurant's. A socket in a station room
 * gets the order events of orders with items for that station ({@code expo} and {@code pos} get
 * all); restaurant-wide events (alerts, tables) reach it through the restaurant room.
 */
final class JoinStationHandler implements ClientEventHandler {
    private final Replies replies;

    JoinStationHandler(Replies replies) {
        this.replies = replies;
    }

    @Override
    public String event() {
        return "join:station";
    }

    @Override
    public void handle(Socket socket, SocketSession session, Event event) {
        Payload payload = Payload.object(event.arg(), event());
        String requested = payload.text("restaurantId");
        String stationName = payload.requiredText("station");
        Station station = Station.fromWire(stationName).orElseThrow(() -> new ValidationException(Map.of("station",
                "must be one of " + Arrays.stream(Station.values()).map(Station::wire).toList())));
        UUID restaurant = RestaurantScope.resolve(session, requested);
        RestaurantScope.requireFeed(session);
        JoinRestaurantHandler.enter(socket, session, restaurant, session.batched(), Rooms.station(restaurant, station),
                Rooms.stationMembers(restaurant));
        replies.ok(event, new JsonObject()
                .put("restaurantId", restaurant.toString())
                .put("station", station.wire())
                .put("room", Rooms.station(restaurant, station)));
    }
}
