package com.restaurantos.simulation;

import com.restaurantos.orders.OrderStatus;

import java.util.ArrayList;
import java.util.List;

/** Guests at a table, from sitting down to paying. */
final class Party {
    /** Where the guests are in their meal. */
    enum Stage {
        /** Orders drinks and food, waits for them. */
        ORDERING,
        /** Served: eating the main course. */
        EATING,
        /** Ordered dessert, waits for it or eats it. */
        DESSERT,
        /** Asked for the bill. */
        PAYING
    }

    final String table;
    final int guests;
    final List<Ticket> tickets = new ArrayList<>();
    Stage stage = Stage.ORDERING;

    Party(String table, int guests) {
        this.table = table;
        this.guests = guests;
    }

    /** Every order of the party is served, cancelled or lost: nothing is on its way to the table. */
    boolean nothingPending() {
        return tickets.stream().allMatch(Ticket::settled);
    }

    /** Something reached the table, or may have (a lost order): the table has to be completed. */
    boolean hasOrdersToClose() {
        return tickets.stream().anyMatch(t -> t.lost || t.status == OrderStatus.READY);
    }

    /** The server may have active orders of the party: served, on their way, or lost. */
    boolean hasOpenOrders() {
        return tickets.stream().anyMatch(t -> t.lost || (t.status != null && t.status.isActive()));
    }
}
