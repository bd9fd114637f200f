package com.restaurantos.orders;

import java.util.Arrays;
import java.util.Optional;

/** Where in the restaurant an item is made or handed over. */
public enum Station {
    KITCHEN("kitchen"),
    EXPO("expo"),
    BAR("bar"),
    POS("pos");

    private final String wire;

    Station(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Station> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    static String choices() {
        return Arrays.stream(values()).map(Station::wire).toList().toString();
    }

    @Override
    public String toString() {
        return wire;
    }
}
