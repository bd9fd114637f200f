package com.restaurantos.orders;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Per-deployment rules of the domain.
 *
 * @param taxRate the tax on the subtotal, a fraction from 0 to 1 (0.07 for 7 %)
 * @param zone    the restaurant's time zone, which decides the business day of an order number
 */
public record OrderSettings(BigDecimal taxRate, ZoneId zone) {
    public static final BigDecimal DEFAULT_TAX_RATE = new BigDecimal("0.07");

    public OrderSettings {
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(zone, "zone");
        if (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("tax rate must be from 0 to 1: " + taxRate);
        }
    }

    public static OrderSettings defaults() {
        return new OrderSettings(DEFAULT_TAX_RATE, ZoneId.of("UTC"));
    }
}
