package com.restaurantos.realtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reads an event's object payload field by field; a field of the wrong JSON type is INVALID_PAYLOAD. */
final class Payload {
    private final JsonNode node;

    private Payload(JsonNode node) {
        this.node = node;
    }

    static Payload object(JsonNode arg, String event) {
        if (arg == null || !arg.isObject()) {
            throw new PayloadException(event + " expects an object");
        }
        return new Payload(arg);
    }

    /** A string field, or null when absent or null. */
    String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new PayloadException(field + " must be a string");
        }
        return value.asText();
    }

    String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw new PayloadException(field + " is required");
        }
        return value;
    }

    /** A string or whole number field (table numbers come as either), as text; null when absent. */
    String textOrNumber(String field) {
        JsonNode value = node.get(field);
        // canConvertToLong alone is true for 5.5 too: only a whole number is read as its digits.
        if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asText();
        }
        return text(field);
    }

    /** An integer field, or null when absent. */
    Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new PayloadException(field + " must be an integer");
        }
        return value.intValue();
    }

    /** A boolean field, or false when absent. */
    boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new PayloadException(field + " must be true or false");
        }
        return value.booleanValue();
    }

    /** An array of strings, or null when absent. */
    List<String> texts(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new PayloadException(field + " must be an array of strings");
        }
        List<String> out = new ArrayList<>(value.size());
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new PayloadException(field + " must be an array of strings");
            }
            out.add(element.asText());
        }
        return out;
    }
}
