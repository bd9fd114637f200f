package com.restaurantos.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.restaurantos.socketio.Event;
import com.restaurantos.socketio.Socket;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code join:restaurant}: leaves the rooms of any other restaurant and joins this one's. */
final class JoinRestaurantHandler implements ClientEventHandler {
    private final Replies replies;

    JoinRestaurantHandler(Replies replies) {
        this.replies = replies;
    }

    @Override
    public String event() {
        return "join:restaurant";
    }

    @Override
    public void handle(Socket socket, SocketSession session, Event event) {
        JsonNode arg = event.arg();
        String requested;
        boolean batch = false;
        if (arg != null && arg.isTextual()) {
            requested = arg.asText();
        } else {
            Payload payload = Payload.object(arg, event());
            requested = payload.requiredText("restaurantId");
            batch = payload.flag("batch");
        }
        UUID restaurant = session.principal().restaurant(requested);
        RestaurantScope.requireFeed(session);
        enter(socket, session, restaurant, batch || session.batched());
        replies.ok(event, new JsonObject()
                .put("restaurantId", restaurant.toString())
                .put("room", Rooms.restaurant(restaurant)));
    }

    /**
     * Moves the socket into the restaurant's rooms (and these others of it), out of any other restaurant's. The
     * rooms are joined at once, so a join past the socket's room limit changes nothing: it can only happen while
     * the socket stays in its restaurant (after leaving another one it is in five rooms at most, and
     * {@code MAX_ROOMS_PER_SOCKET} is at least that).
     */
    static void enter(Socket socket, SocketSession session, UUID restaurant, boolean batch, String... alsoJoin) {
        if (!restaurant.equals(session.restaurant())) {
            for (String room : socket.rooms()) {
                if (Rooms.isRestaurantScoped(room)) {
                    socket.leave(room);
                }
            }
        }
        List<String> rooms = new ArrayList<>(List.of(alsoJoin));
        rooms.add(Rooms.restaurant(restaurant));
        if (batch) {
            rooms.add(Rooms.batched(restaurant));
        }
        socket.join(rooms.toArray(String[]::new));
        if (!batch) {
            socket.leave(Rooms.batched(restaurant));
        }
        session.restaurant(restaurant);
        session.batched(batch);
    }
}
