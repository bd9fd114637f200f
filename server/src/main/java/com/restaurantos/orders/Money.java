package com.restaurantos.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is a {@link BigDecimal} with two decimals. */
public final class Money {
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** The amount with two decimals; an amount with more decimals is rounded half up. */
    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** Whether the amount has no more than two decimals, as a price must. */
    static boolean hasCents(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= SCALE;
    }
}
