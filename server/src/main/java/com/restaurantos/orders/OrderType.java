package com.restaurantos.orders;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the guest gets the order. */
public enum OrderType {
    DINE_IN("dine-in"),
    TAKEOUT("takeout"),
    DELIVERY("delivery"),
    ONLINE("online"),
    DRIVE_THRU("drive-thru"),
    KIOSK("kiosk");

    /** {@link #fromWire} runs for every row read and every request: a lookup, not a scan of a fresh values(). */
    private static final Map<String, OrderType> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toMap(value -> value.wire, value -> value));

    private final String wire;

    OrderType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<OrderType> fromWire(String value) {
        return Optional.ofNullable(BY_WIRE.get(value));
    }

    static String choices() {
        return Arrays.stream(values()).map(OrderType::wire).toList().toString();
    }

    @Override
    public String toString() {
        return wire;
    }
}
