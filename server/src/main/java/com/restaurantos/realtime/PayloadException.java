package com.restaurantos.realtime;

/** An event payload that is not the expected shape or types: {@code INVALID_PAYLOAD}. */
final class PayloadException extends RuntimeException {
    PayloadException(String message) {
        super(message, null, false, false);
    }
}
