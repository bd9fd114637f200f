package com.restaurantos.orders;

/** What the domain refuses, each with the error code of contract section 3. */
public abstract sealed class OrderException extends RuntimeException
        permits OrderNotFoundException, InvalidTransitionException, ValidationException {

    OrderException(String message) {
        super(message, null, false, false);
    }

    /** {@code ORDER_NOT_FOUND}, {@code INVALID_TRANSITION} or {@code VALIDATION_ERROR}. */
    public abstract String code();
}
