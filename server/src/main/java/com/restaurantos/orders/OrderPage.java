package com.restaurantos.orders;

import java.util.List;

/** One page of a list of orders, and how many orders the whole list has. */
public record OrderPage(List<Order> orders, long total, int limit, int offset) {
    public OrderPage {
        orders = List.copyOf(orders);
    }
}
