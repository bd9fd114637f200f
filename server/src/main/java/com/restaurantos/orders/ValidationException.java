package com.restaurantos.orders;

import java.util.Map;
import java.util.TreeMap;

/** Well-formed but not allowed; {@link #details()} maps each offending field (e.g. {@code items[0].price}) to why. */
public final class ValidationException extends OrderException {
    private final Map<String, String> details;

    public ValidationException(Map<String, String> details) {
        super("invalid " + String.join(", ", new TreeMap<>(details).keySet()));
        this.details = Map.copyOf(details);
    }

    public Map<String, String> details() {
        return new TreeMap<>(details);
    }

    @Override
    public String code() {
        return "VALIDATION_ERROR";
    }
}
