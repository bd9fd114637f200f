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

    private final String wire;

    OrderType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<OrderType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(OrderType::wire).toList().toString();
    }

    @Override
    public String toString() {
        return wire;
    }
}
