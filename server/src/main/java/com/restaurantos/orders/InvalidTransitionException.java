package com.restaurantos.orders;

/** The order cannot go to that status from where it is, or was changed by someone else meanwhile. */
public final class InvalidTransitionException extends OrderException {
    public InvalidTransitionException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "INVALID_TRANSITION";
    }
}
