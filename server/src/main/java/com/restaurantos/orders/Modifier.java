package com.restaurantos.orders;

import java.math.BigDecimal;
import java.util.Objects;

/** A change to an item ("no onions", "extra cheese"), with the price it adds (zero if free). */
public record Modifier(String name, BigDecimal price) {
    public Modifier {
        Objects.requireNonNull(name, "name");
        price = Money.of(price == null ? BigDecimal.ZERO : price);
    }
}
