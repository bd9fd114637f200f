package com.restaurantos.store;

import com.restaurantos.orders.Modifier;
import com.restaurantos.orders.NewOrder;
import com.restaurantos.orders.OrderItem;
import com.restaurantos.orders.OrderType;
import com.restaurantos.orders.Station;
import com.restaurantos.orders.Totals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

final class Fixtures {
    static final BigDecimal TAX = new BigDecimal("0.07");

    private Fixtures() {
    }

    static OrderItem burger() {
        return new OrderItem(UUID.randomUUID(), "menu-burger", "Burger", 2, new BigDecimal("12.50"),
                List.of(new Modifier("extra cheese", new BigDecimal("1.00")), new Modifier("no onions", null)),
                "well done", Station.KITCHEN);
    }

    static OrderItem beer() {
        return new OrderItem(UUID.randomUUID(), null, "Beer", 1, new BigDecimal("6.00"), List.of(), null, Station.BAR);
    }

    static NewOrder newOrder(UUID restaurantId, LocalDate day, String table, Instant at) {
        List<OrderItem> items = List.of(burger(), beer());
        return new NewOrder(UUID.randomUUID(), restaurantId, day, OrderType.DINE_IN, table, "Ada", items,
                Totals.of(items, TAX), "window seat", "server-1", at.truncatedTo(ChronoUnit.MILLIS));
    }

    static NewOrder newOrder(UUID restaurantId, String table) {
        return newOrder(restaurantId, LocalDate.of(2025, 3, 14), table, Instant.now());
    }
}
