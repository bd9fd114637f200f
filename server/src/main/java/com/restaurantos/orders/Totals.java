package com.restaurantos.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** What an order costs; always computed by the server from its items, never taken from a client. */
public record Totals(BigDecimal subtotal, BigDecimal tax, BigDecimal total) {
    public Totals {
        subtotal = Money.of(subtotal);
        tax = Money.of(tax);
        total = Money.of(total);
    }

    /** The sum of the line totals, the tax on it at {@code taxRate} (rounded half up to the cent), and both. */
    public static Totals of(List<OrderItem> items, BigDecimal taxRate) {
        BigDecimal subtotal = items.stream().map(OrderItem::lineTotal).reduce(Money.ZERO, BigDecimal::add);
        BigDecimal tax = subtotal.multiply(taxRate).setScale(Money.SCALE, RoundingMode.HALF_UP);
        return new Totals(subtotal, tax, subtotal.add(tax));
    }
}
