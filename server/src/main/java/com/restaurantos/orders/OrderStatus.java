package com.restaurantos.orders;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The statuses of an order and, in {@link #ALLOWED}, the only transitions between them (contract section 3). */
public enum OrderStatus {
    NEW("new"),
    PENDING("pending"),
    CONFIRMED("confirmed"),
    PREPARING("preparing"),
    READY("ready"),
    PICKED_UP("picked-up"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    /** The transition table: the one place that says which status may follow which. */
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = new EnumMap<>(OrderStatus.class);

    static {
        ALLOWED.put(NEW, EnumSet.of(PENDING, CONFIRMED, CANCELLED));
        ALLOWED.put(PENDING, EnumSet.of(CONFIRMED, CANCELLED));
        ALLOWED.put(CONFIRMED, EnumSet.of(PREPARING, CANCELLED));
        ALLOWED.put(PREPARING, EnumSet.of(READY, CANCELLED));
        ALLOWED.put(READY, EnumSet.of(PICKED_UP, COMPLETED, CANCELLED));
        ALLOWED.put(PICKED_UP, EnumSet.of(COMPLETED));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(OrderStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(OrderStatus.class));
    }

    private static final Set<OrderStatus> ACTIVE =
            Collections.unmodifiableSet(EnumSet.of(NEW, PENDING, CONFIRMED, PREPARING, READY));

    /** {@link #fromWire} runs for every row read and every request: a lookup, not a scan of a fresh values(). */
    private static final Map<String, OrderStatus> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toMap(value -> value.wire, value -> value));

    private final String wire;

    OrderStatus(String wire) {
        this.wire = wire;
    }

    /** The name clients use, e.g. {@code picked-up}. */
    public String wire() {
        return wire;
    }

    /** Whether the contract allows going from this status straight to {@code next}. */
    public boolean canBecome(OrderStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The statuses that may directly follow this one. */
    public Set<OrderStatus> next() {
        return Collections.unmodifiableSet(ALLOWED.get(this));
    }

    /** New, pending, confirmed, preparing or ready: the kitchen still has to do something. */
    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public static Set<OrderStatus> active() {
        return ACTIVE;
    }

    public static Optional<OrderStatus> fromWire(String value) {
        return Optional.ofNullable(BY_WIRE.get(value));
    }

    /** Parses a client's value, or throws a {@link ValidationException} naming {@code field}. */
    public static OrderStatus parse(String field, String value) {
        return fromWire(value).orElseThrow(() -> new ValidationException(
                Map.of(field, "must be one of " + Arrays.stream(values()).map(OrderStatus::wire).toList())));
    }

    @Override
    public String toString() {
        return wire;
    }
}
