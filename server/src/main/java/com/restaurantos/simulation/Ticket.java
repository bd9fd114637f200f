package com.restaurantos.simulation;

import com.restaurantos.orders.OrderStatus;
import com.restaurantos.orders.OrderType;
import com.restaurantos.simulation.Restaurant.Amendment;
import com.restaurantos.simulation.Restaurant.LineItem;
import com.restaurantos.simulation.Restaurant.OrderRequest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.restaurantos.orders.OrderStatus.CANCELLED;
import static com.restaurantos.orders.OrderStatus.COMPLETED;
import static com.restaurantos.orders.OrderStatus.CONFIRMED;
import static com.restaurantos.orders.OrderStatus.NEW;
import static com.restaurantos.orders.OrderStatus.PENDING;
import static com.restaurantos.orders.OrderStatus.PICKED_UP;
import static com.restaurantos.orders.OrderStatus.PREPARING;
import static com.restaurantos.orders.OrderStatus.READY;

/** An order of the service as the simulation follows it, from the moment it is decided until it is done. */
final class Ticket {
    final OrderRequest request;
    /** Nullable: the guests at a table the order is for. */
    final Party party;
    final Duration makingTime;
    /** Nullable: the status in which the order will be cancelled instead of going on. */
    final OrderStatus cancelledWhen;
    final String cancellationReason;
    /** Nullable: a change asked for before the kitchen confirms the order. */
    Amendment amendment;

    UUID id;
    String number;
    /** Null until the server has the order. */
    OrderStatus status;
    /** A request about it failed: what the server has is unknown, the simulation leaves the order alone. */
    boolean lost;

    Ticket(OrderRequest request, Party party, Duration makingTime, OrderStatus cancelledWhen,
           String cancellationReason, Amendment amendment) {
        this.request = request;
        this.party = party;
        this.makingTime = makingTime;
        this.cancelledWhen = cancelledWhen;
        this.cancellationReason = cancellationReason;
        this.amendment = amendment;
    }

    /**
     * The statuses an order of this type goes through: dine-in orders stop at ready (the table is completed as a
     * whole); delivery and online orders wait for the payment; a kiosk order is handed over at the counter.
     */
    static List<OrderStatus> path(OrderType type) {
        return switch (type) {
            case DINE_IN -> List.of(NEW, CONFIRMED, PREPARING, READY);
            case DELIVERY, ONLINE -> List.of(NEW, PENDING, CONFIRMED, PREPARING, READY, PICKED_UP, COMPLETED);
            case KIOSK -> List.of(NEW, CONFIRMED, PREPARING, READY, COMPLETED);
            case TAKEOUT, DRIVE_THRU -> List.of(NEW, CONFIRMED, PREPARING, READY, PICKED_UP, COMPLETED);
        };
    }

    OrderType type() {
        return request.type();
    }

    List<LineItem> items() {
        return request.items();
    }

    /** The status after the current one on the order's path. */
    OrderStatus next() {
        List<OrderStatus> path = path(type());
        int at = path.indexOf(status);
        if (at < 0 || at + 1 == path.size()) {
            throw new IllegalStateException("order " + number + " is " + status + ": nothing comes next");
        }
        return path.get(at + 1);
    }

    /** Whether only the bar makes it. */
    boolean drinksOnly() {
        return items().stream().allMatch(item -> item.dish().course() == Menu.Course.DRINK);
    }

    /** Nothing more will happen to it in this service: served (for a table), done, cancelled or lost. */
    boolean settled() {
        return lost || status == CANCELLED || status == COMPLETED || (party != null && status == READY);
    }

    /** The day's count of the order number ({@code 0042} of {@code 20250101-0042}), as the kitchen calls it. */
    String shortNumber() {
        return number == null ? "?" : number.substring(number.indexOf('-') + 1);
    }
}
