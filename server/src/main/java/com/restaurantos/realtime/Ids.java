package com.restaurantos.realtime;

import com.restaurantos.orders.ValidationException;

import java.util.Map;
import java.util.UUID;

/** Ids that clients send. */
final class Ids {
    private Ids() {
    }

    /** The UUID, or a VALIDATION_ERROR naming the field. */
    static UUID uuid(String field, String value) {
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equalsIgnoreCase(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ValidationException(Map.of(field, "must be a UUID"));
    }
}
