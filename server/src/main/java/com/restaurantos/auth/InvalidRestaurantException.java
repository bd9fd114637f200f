package com.restaurantos.auth;

/** A malformed restaurant id, or none where one is needed. */
public final class InvalidRestaurantException extends AuthException {
    public InvalidRestaurantException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "INVALID_RESTAURANT";
    }
}
