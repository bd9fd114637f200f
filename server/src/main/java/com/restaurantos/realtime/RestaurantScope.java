package com.restaurantos.realtime;

import com.restaurantos.auth.Principal;

import java.util.UUID;

/** Which restaurant an event acts on: the one it names, else the one the socket joined. */
final class RestaurantScope {
    private RestaurantScope() {
    }

    /**
     * @param requested the event's {@code restaurantId}, nullable
     * @throws com.restaurantos.auth.InvalidRestaurantException if it is not a UUID (or none can be told)
     * @throws com.restaurantos.auth.PermissionDeniedException  if the token does not reach it
     */
    static UUID resolve(SocketSession session, String requested) {
        Principal principal = session.principal();
        if (requested == null && session.restaurant() != null) {
            return session.restaurant();
        }
        return principal.restaurant(requested);
    }
}
