package com.restaurantos.orders;

import java.util.Arrays;
import java.util.Optional;

/** How the guest gets the order. */
public enum OrderType {
    DINE_IN("dine-in"),
    TAKEOUT("takeout"),
    DELIVERY("delivery"),
    ONLINE("online"),
    DRIVE_THRU("drive-thru"),
    KIOSK("kiosk");

    /** {@link #fromWire} runs for every row read and every request: one copy of values(), not one per call. */
    private static final OrderType[] VALUES = values();

    private final String wire;

    OrderType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<OrderType> fromWire(String value) {
        for (OrderType t : VALUES) {
            if (t.wire.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static String choices() {
        return Arrays.stream(values()).map(OrderType::wire).toList().toString();
    }

    @Override
    public String toString() {
        return wire;
    }
}
