package com.restaurantos.orders;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where in the restaurant an item is made or handed over. */
public enum Station {
    KITCHEN("kitchen"),
    EXPO("expo"),
    BAR("bar"),
    POS("pos");

    /** {@link #fromWire} runs for every row read and every request: a lookup, not a scan of a fresh values(). */
    private static final Map<String, Station> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toMap(value -> value.wire, value -> value));

    private final String wire;

    Station(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Station> fromWire(String value) {
        return Optional.ofNullable(BY_WIRE.get(value));
    }

    static String choices() {
        return Arrays.stream(values()).map(Station::wire).toList().toString();
    }

    @Override
    public String toString() {
        return wire;
    }
}
