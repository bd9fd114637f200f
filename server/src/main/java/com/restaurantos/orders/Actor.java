package com.restaurantos.orders;

import java.util.Objects;

/**
 * Who asks for a change: recorded with every change of status and published with every event.
 *
 * @param id             the token's subject
 * @param ownOrdersOnly  true for customers: they see and touch only the orders they created
 */
public record Actor(String id, boolean ownOrdersOnly) {
    public Actor {
        Objects.requireNonNull(id, "id");
    }

    public static Actor staff(String id) {
        return new Actor(id, false);
    }
}
