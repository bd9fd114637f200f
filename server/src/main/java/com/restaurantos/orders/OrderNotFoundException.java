package com.restaurantos.orders;

import java.util.UUID;

/** No such order in this restaurant (an order of another restaurant is, to this one, no such order). */
public final class OrderNotFoundException extends OrderException {
    public OrderNotFoundException(UUID orderId) {
        super("order " + orderId + " not found");
    }

    @Override
    public String code() {
        return "ORDER_NOT_FOUND";
    }
}
