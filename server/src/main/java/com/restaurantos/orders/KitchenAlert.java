package com.restaurantos.orders;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to the kitchen.
 *
 * @param severity    1 to 5, 5 the most urgent
 * @param orderId     nullable
 * @param tableNumber nullable
 * @param station     nullable: the whole restaurant, else only that station
 */
public record KitchenAlert(UUID id, UUID restaurantId, Type type, String message, int severity, UUID orderId,
                           String tableNumber, Station station, Instant at, String raisedBy) {
    public KitchenAlert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    public enum Type {
        URGENT("urgent"), WARNING("warning"), INFO("info");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static java.util.Optional<Type> fromWire(String value) {
            return java.util.Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
        }

        @Override
        public String toString() {
            return wire;
        }
    }
}
