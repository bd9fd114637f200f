package com.restaurantos.realtime;

import com.restaurantos.auth.PermissionDeniedException;
import com.restaurantos.auth.Principal;
import com.restaurantos.auth.Scope;

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
    /**
     * Refuses a token that may not follow a restaurant's rooms: they carry every order of the
     * restaurant, so they need {@code orders:read} for all of them (customers see only their own).
     */
    static void requireFeed(SocketSession session) {
        Principal principal = session.principal();
        principal.require(Scope.ORDERS_READ);
        if (principal.ownOrdersOnly()) {
            throw new PermissionDeniedException("this token sees only its own orders, not the restaurant's");
        }
    }

    static UUID resolve(SocketSession session, String requested) {
        Principal principal = session.principal();
        if (requested == null && session.restaurant() != null) {
            return session.restaurant();
        }
        return principal.restaurant(requested);
    }
}
