package com.restaurantos.auth;

import java.util.Arrays;
import java.util.Optional;

/** What a token allows (contract section 2). */
public enum Scope {
    ORDERS_CREATE("orders:create"),
    ORDERS_READ("orders:read"),
    ORDERS_UPDATE("orders:update"),
    ORDERS_STATUS("orders:status"),
    MENU_READ("menu:read"),
    KITCHEN_ALERT("kitchen:alert");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Scope> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return wire;
    }
}
