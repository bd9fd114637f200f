package com.restaurantos.orders;

import java.util.Arrays;
import java.util.Optional;

/** Where in the restaurant an item is made or handed over. */
public enum Station {
    KITCHEN("kitchen"),
    EXPO("expo"),
    BAR("bar"),
    POS("pos");

    /** {@link #fromWire} runs for every row read and every request: one copy of values(), not one per call. */
    private static final Station[] VALUES = values();

    private final String wire;

    Station(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Station> fromWire(String value) {
        for (Station s : VALUES) {
            if (s.wire.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static String choices() {
        return Arrays.stream(values()).map(Station::wire).toList().toString();
    }

    @Override
    public String toString() {
        return wire;
    }
}
